// Subjects and subject patterns as JetStream reads them: dot-separated tokens, where in a pattern
// `*` stands for exactly one token and a final `>` for one or more tokens.

const TOKEN = /^[^\s.*>]+$/;

function tokens(subject: string): string[] {
  return subject.split('.');
}

/** A concrete subject one can publish to: non-empty tokens, no wildcards, no whitespace. */
export function isValidSubject(subject: string): boolean {
  return subject.length > 0 && tokens(subject).every((t) => TOKEN.test(t));
}

/** A pattern: tokens, `*` anywhere, `>` only as the last token. */
export function isValidPattern(pattern: string): boolean {
  if (pattern.length === 0) return false;
  const parts = tokens(pattern);
  return parts.every((t, i) => TOKEN.test(t) || t === '*' || (t === '>' && i === parts.length - 1));
}

/** True when the concrete `subject` is matched by `pattern`. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const want = tokens(pattern);
  const have = tokens(subject);
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    if (w === '>') return have.length > i;
    if (i >= have.length) return false;
    if (w !== '*' && w !== have[i]) return false;
  }
  return want.length === have.length;
}

/** True when `subject` is matched by at least one of `patterns` (an empty list matches everything). */
export function matchesAny(patterns: readonly string[], subject: string): boolean {
  return patterns.length === 0 || patterns.some((p) => subjectMatches(p, subject));
}

/** True when some concrete subject would be matched by both patterns (two streams may not share one). */
export function patternsOverlap(a: string, b: string): boolean {
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    // `>` needs at least one token on the other side, which any remaining token or wildcard supplies.
    if (p === '>') return q !== undefined;
    if (q === '>') return p !== undefined;
    if (p === undefined || q === undefined) return false;
    if (p !== '*' && q !== '*' && p !== q) return false;
  }
  return true;
}
