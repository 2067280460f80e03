// Every refusal the API sends is RFC 9457 problem+json; this turns it (or a failed connection) into
// a ProblemError the UI shows as words, with each `errors[]` entry placed next to its field.
import type { Problem } from './types.js';

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ProblemError';
  }
}

const NETWORK: Problem = {
  type: 'about:blank#network',
  title: 'The shop could not be reached',
  status: 0,
  detail: 'Check your connection and try again. Nothing was changed.',
};

/** A problem for anything thrown: API problems keep their fields, the rest reads as a network failure. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof TypeError || (error instanceof DOMException && error.name !== 'AbortError')) return NETWORK;
  return { type: 'about:blank', title: 'Something went wrong', status: 0, detail: String(error) };
}

interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The response's data, or a ProblemError carrying the API's problem (or a readable one for a non-problem body). */
export async function unwrap<T>(pending: Promise<ApiResult<T>>): Promise<Exclude<T, undefined>> {
  let result: ApiResult<T>;
  try {
    result = await pending;
  } catch (error) {
    throw new ProblemError(problemOf(error));
  }
  if (result.response.ok) return result.data as Exclude<T, undefined>;
  throw new ProblemError(asProblem(result.error, result.response));
}

function asProblem(body: unknown, response: Response): Problem {
  if (body && typeof body === 'object' && 'title' in body && 'status' in body) return body as Problem;
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail:
      response.status >= 500
        ? 'The shop had a problem answering. Please try again in a moment.'
        : `The request was refused (${response.status}).`,
  };
}

/** The problem's messages by field: `body/shipping_address/city` becomes `shipping_address.city`. */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { path, message } of problem?.errors ?? []) {
    const missing = /must have required property '([^']+)'/.exec(message)?.[1];
    const segments = path.split('/').filter(Boolean);
    if (['body', 'querystring', 'params', 'headers'].includes(segments[0] ?? '')) segments.shift();
    if (missing) segments.push(missing);
    const key = segments.join('.');
    fields[key] ??= readableMessage(message);
  }
  return fields;
}

/** The validator's wording, said the way a form would say it. */
export function readableMessage(message: string): string {
  const fewer = /must NOT have fewer than (\d+) characters/.exec(message);
  if (fewer) return fewer[1] === '1' ? 'This is required.' : `Use at least ${fewer[1]} characters.`;
  const more = /must NOT have more than (\d+) characters/.exec(message);
  if (more) return `Use at most ${more[1]} characters.`;
  if (/must have required property/.test(message)) return 'This is required.';
  if (/must match format "email"/.test(message)) return 'Enter an email address, like name@example.com.';
  if (/must match format "uuid"/.test(message)) return 'This is not a valid id.';
  if (/must match pattern/.test(message)) return 'This is not in the expected format.';
  if (/must be >= (\d+)/.test(message)) return `Use a number of at least ${/must be >= (\d+)/.exec(message)?.[1]}.`;
  if (/must be integer/.test(message)) return 'Use a whole number.';
  return message.charAt(0).toUpperCase() + message.slice(1);
}
