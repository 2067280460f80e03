// Assertions on RFC 9457 problem responses.
import assert from 'node:assert/strict';

interface Response {
  statusCode: number;
  headers: Record<string, unknown>;
  json<T>(): T;
}

export interface ProblemJson {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** Asserts `res` is a problem+json response with `status`, and returns the problem. */
export function assertProblem(res: Response, status: number, context = ''): ProblemJson {
  assert.equal(res.statusCode, status, context);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, context);
  const problem = res.json<ProblemJson>();
  assert.equal(problem.status, status, context);
  return problem;
}

/** The paths named by a 400 problem's field errors. */
export function errorPaths(res: Response, context = ''): string[] {
  return (assertProblem(res, 400, context).errors ?? []).map((e) => e.path);
}
