// Validates and normalises a stream's settings the way JetStream reads them.
import { conflict, invalid } from '@emporium/service-kit';
import { isValidPattern, patternsOverlap } from '../domain/subjects.js';

export interface StreamConfig {
  name: string;
  subjects: string[];
  /** 0 keeps messages for ever. */
  maxAgeMs: number;
  /** 0 means JetStream's default of two minutes. */
  duplicateWindowMs: number;
}

export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;

export function checkStreamConfig(config: StreamConfig, others: Iterable<StreamConfig>): StreamConfig {
  const bad = config.subjects.filter((s) => !isValidPattern(s));
  if (bad.length > 0) {
    throw invalid(
      'A stream subject is not a valid pattern',
      bad.map((s) => ({ path: 'body/subjects', message: `"${s}" is not a subject pattern` })),
    );
  }
  // A published subject must belong to exactly one stream, so streams may not share subjects.
  for (const other of others) {
    if (other.name === config.name) continue;
    const clash = config.subjects.find((s) => other.subjects.some((o) => patternsOverlap(s, o)));
    if (clash) throw conflict(`Subject "${clash}" overlaps the subjects of stream ${other.name}`);
  }
  return {
    ...config,
    subjects: [...new Set(config.subjects)],
    duplicateWindowMs: config.duplicateWindowMs || DEFAULT_DUPLICATE_WINDOW_MS,
  };
}
