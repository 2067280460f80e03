/// <reference types="@fastify/swagger" preserve="true" />
// Routes may say `schema: { hide: true }` (a @fastify/swagger extension): its typing comes with the kit.

export type { Span } from '@opentelemetry/api';
export { type Static, type TObject, Type } from 'typebox';
export * from './auth.js';
export * from './config.js';
export * from './db.js';
export * from './errors.js';
export * from './health.js';
export * from './http-headers.js';
export * from './idempotency.js';
export * from './lifecycle.js';
export * from './logging.js';
export * from './metrics.js';
export * from './migrations.js';
export * from './pagination.js';
export * from './problem.js';
export * from './schemas.js';
export * from './server.js';
export * from './telemetry/context.js';
export * from './telemetry/http-client.js';
export { initTracing, isExporting, TelemetryConfig, type TracingHandle, tracer } from './telemetry/tracing.js';
