// Request validation (Ajv): query strings, params and headers arrive as text and are coerced to the
// schema's types; JSON bodies are not, so "1299" is not accepted where a number is required.
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const base: Options = { removeAdditional: false, useDefaults: true, allErrors: true, strict: false };

export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const strictTypes = addFormats.default(new Ajv({ ...base, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...base, coerceTypes: 'array' }));
  return ({ schema, httpPart }) => (httpPart === 'body' ? strictTypes : coercing).compile(schema as object);
}
