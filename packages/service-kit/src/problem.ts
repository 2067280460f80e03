// The one mapping from errors to RFC 9457 application/problem+json responses.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { AppError, type ErrorKind, type FieldError } from './errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://emporium.dev/problems/';

const STATUS: Record<ErrorKind, { status: number; title: string }> = {
  invalid: { status: 400, title: 'Bad Request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not Found' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Payload Too Large' },
  too_many_requests: { status: 429, title: 'Too Many Requests' },
  bad_gateway: { status: 502, title: 'Bad Gateway' },
  unavailable: { status: 503, title: 'Service Unavailable' },
  gateway_timeout: { status: 504, title: 'Gateway Timeout' },
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export function problemFor(kind: ErrorKind, detail: string, errors?: FieldError[]): Problem {
  const { status, title } = STATUS[kind];
  return { type: TYPE_BASE + kind.replace(/_/g, '-'), title, status, detail, ...(errors?.length ? { errors } : {}) };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  const withInstance = { ...problem, instance: reply.request.url.split('?')[0] };
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(withInstance);
}

/** Translates whatever was thrown into a problem; unexpected errors become a bare 500. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) return problemFor(error.kind, error.message, error.fieldErrors);
  const e = error as FastifyError;
  if (e.validation) {
    const where = e.validationContext ?? 'request';
    const errors = e.validation.map((v) => ({
      path: `${where}${v.instancePath || ''}${missingProperty(v.params)}`,
      message: v.message ?? 'is invalid',
    }));
    return problemFor('invalid', `The ${where} is invalid`, errors);
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
    return problemFor('payload_too_large', 'The request body is larger than this endpoint accepts');
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, unsupported media type, bad content length...
    return {
      type: `${TYPE_BASE}${e.statusCode === 415 ? 'unsupported-media-type' : 'bad-request'}`,
      title: e.statusCode === 415 ? 'Unsupported Media Type' : 'Bad Request',
      status: e.statusCode,
      detail: e.message,
    };
  }
  return {
    type: `${TYPE_BASE}internal`,
    title: 'Internal Server Error',
    status: 500,
    detail: 'The server failed to handle this request; it has been logged',
  };
}

/** The field a "required" or "additionalProperties" error is about, so the path names it. */
function missingProperty(params: unknown): string {
  const p = params as { missingProperty?: string; additionalProperty?: string } | undefined;
  const field = p?.missingProperty ?? p?.additionalProperty;
  return field ? `/${field}` : '';
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: problem.status, detail: problem.detail }, 'request refused');
    if (error instanceof AppError && error.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(error.retryAfterSeconds));
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemFor('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`)),
  );
}
