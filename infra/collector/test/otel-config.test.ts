// The infrastructure mode's OpenTelemetry Collector configuration stays whole and in step with the
// service catalog: every pipeline names declared components, OTLP/HTTP is received on 4318, and the
// Prometheus receiver scrapes every service the catalog lists.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { readCatalog } from '../src/catalog.js';

const ROOT = resolve(import.meta.dirname, '../../../..');

interface OtelConfig {
  receivers: Record<string, { protocols?: { http?: { endpoint?: string } }; config?: unknown }>;
  processors: Record<string, unknown>;
  exporters: Record<string, unknown>;
  service: { pipelines: Record<string, { receivers: string[]; processors?: string[]; exporters: string[] }> };
}

describe('deploy/otel/collector.yaml', () => {
  it('declares every component its pipelines use, with traces and metrics pipelines', async () => {
    const config = parse(await readFile(resolve(ROOT, 'deploy/otel/collector.yaml'), 'utf8')) as OtelConfig;
    const { pipelines } = config.service;
    assert.ok(pipelines.traces && pipelines.metrics);
    for (const [name, pipeline] of Object.entries(pipelines)) {
      for (const r of pipeline.receivers) assert.ok(config.receivers[r], `${name}: receiver ${r} is declared`);
      for (const p of pipeline.processors ?? [])
        assert.ok(config.processors[p] !== undefined, `${name}: processor ${p}`);
      for (const e of pipeline.exporters) assert.ok(config.exporters[e] !== undefined, `${name}: exporter ${e}`);
    }
    assert.match(config.receivers.otlp?.protocols?.http?.endpoint ?? '', /:4318$/);
  });

  it('scrapes every service of the catalog', async () => {
    const text = await readFile(resolve(ROOT, 'deploy/otel/collector.yaml'), 'utf8');
    const config = parse(text) as {
      receivers: {
        prometheus: { config: { scrape_configs: Array<{ static_configs?: Array<{ targets: string[] }> }> } };
      };
    };
    const targets = config.receivers.prometheus.config.scrape_configs
      .flatMap((c) => c.static_configs ?? [])
      .flatMap((c) => c.targets)
      .map((t) => t.split(':')[0]);
    for (const service of await readCatalog(resolve(ROOT, 'service-catalog.yaml'))) {
      assert.ok(targets.includes(service.name), `${service.name} is scraped`);
    }
  });
});
