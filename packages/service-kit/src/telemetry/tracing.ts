// OpenTelemetry tracing for every process built on the kit: one tracer provider per process, W3C
// trace context, spans kept in AsyncLocalStorage, exported over OTLP/HTTP (JSON) in batches to
// OTEL_EXPORTER_OTLP_ENDPOINT. Without an endpoint, or with OTEL_SDK_DISABLED=true, spans are neither
// recorded nor exported, but trace ids are still made and passed on (traceparent in responses, envelopes
// and log lines), so logs stay correlated at almost no cost.
import { type Tracer, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { Type } from 'typebox';
import { parseConfig } from '../config.js';

export const TelemetryConfig = Type.Object({
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://' })),
  OTEL_SDK_DISABLED: Type.Boolean({ default: false }),
  /** Share of new traces recorded (0..1); the rest cost what "off" costs. Downstream follows the caller's choice. */
  OTEL_TRACES_SAMPLER_ARG: Type.Number({ minimum: 0, maximum: 1, default: 1 }),
});

export interface TracingHandle {
  /** True when spans are recorded and exported. */
  exporting: boolean;
  /** Sends the spans still in the batch (on shutdown). */
  flush(): Promise<void>;
}

const INSTRUMENTATION = '@emporium/service-kit';
let installed: TracingHandle | undefined;

/** True when this process records and exports spans (so work that only feeds spans can be skipped otherwise). */
export function isExporting(): boolean {
  return installed?.exporting ?? false;
}

/** The kit's tracer (a no-op until initTracing ran). */
export function tracer(): Tracer {
  return trace.getTracer(INSTRUMENTATION);
}

/**
 * Installs the process's tracer provider, once (later calls return the first handle): the first
 * createService of a process names the service. `enabled: false` keeps ids flowing without recording.
 */
export function initTracing(options: {
  service: string;
  version: string;
  enabled?: boolean;
  env?: NodeJS.ProcessEnv;
}): TracingHandle {
  if (installed) return installed;
  const config = parseConfig(TelemetryConfig, options.env ?? process.env);
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  const exporting = options.enabled !== false && !config.OTEL_SDK_DISABLED && endpoint !== undefined;
  const processor = exporting
    ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces`, timeoutMillis: 5000 }), {
        scheduledDelayMillis: 500,
        maxQueueSize: 16_384,
        maxExportBatchSize: 1024,
      })
    : undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service, [ATTR_SERVICE_VERSION]: options.version }),
    sampler: exporting
      ? new ParentBasedSampler({ root: rootSampler(config.OTEL_TRACES_SAMPLER_ARG) })
      : new AlwaysOffSampler(),
    spanProcessors: processor ? [processor] : [],
  });
  provider.register();
  installed = { exporting, flush: () => provider.forceFlush() };
  return installed;
}

function rootSampler(ratio: number) {
  return ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(ratio);
}
