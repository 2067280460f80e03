// Every committed document is valid against its specification: OpenAPI 3.1 (its JSON Schema) and
// AsyncAPI 3.0 (the AsyncAPI project's own parser), so tools that read them (the web client generator,
// the gateway's docs, AsyncAPI tooling) can rely on them.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { Validator } from '@seriousme/openapi-schema-validator';
import { MESSAGING_SERVICES } from '../src/registrations.js';
import { API_SERVICES } from '../src/service-apps.js';

const root = resolve(import.meta.dirname, '../../../..');

describe('validity of the committed API documents', () => {
  it('are valid OpenAPI 3.1 documents', async () => {
    for (const service of API_SERVICES) {
      const document = JSON.parse(await readFile(join(root, 'services', service, 'openapi.json'), 'utf8'));
      const result = await new Validator().validate(document);
      assert.ok(result.valid, `${service}: ${JSON.stringify(result.errors)?.slice(0, 800)}`);
      assert.equal(document.openapi, '3.1.0');
    }
  });

  it('are valid AsyncAPI 3.0 documents', async () => {
    const parser = new Parser();
    for (const service of MESSAGING_SERVICES) {
      const text = await readFile(join(root, 'services', service, 'asyncapi.json'), 'utf8');
      const { document, diagnostics } = await parser.parse(text);
      const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
      assert.deepEqual(
        errors.map((e) => `${e.path.join('.')}: ${e.message}`),
        [],
        service,
      );
      assert.ok(document, service);
      assert.equal(document.version(), '3.0.0');
    }
  });

  it('rejects a document that breaks the specification', async () => {
    const { diagnostics } = await new Parser().parse(
      JSON.stringify({
        asyncapi: '3.0.0',
        info: { title: 'x', version: '1' },
        operations: { send: { action: 'publish' } },
      }),
    );
    assert.ok(diagnostics.some((d) => d.severity === DiagnosticSeverity.Error));
    const result = await new Validator().validate({ openapi: '3.1.0', info: { title: 'x' }, paths: {} });
    assert.equal(result.valid, false);
  });
});
