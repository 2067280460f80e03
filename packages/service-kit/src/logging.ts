// JSON logs (pino) with the service's name and version on every line, and secrets redacted.
import type { LoggerOptions } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.refresh_token',
  '*.access_token',
  'password',
];

export function loggerOptions(service: string, version: string, level: string): LoggerOptions {
  return {
    level,
    base: { service, version, pid: process.pid },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
}
