// Breaking changes between two versions of a committed API document: for OpenAPI, removed paths and
// operations, new required parameters, request schemas that accept less and responses that promise
// less; for AsyncAPI, removed channels or messages and payloads that promise less.
import { localResolver, type Sides, schemaBreaks } from './schema-compat.js';

export interface ApiDocument {
  info: { title: string; version: string; description?: string };
  [key: string]: unknown;
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function breakingChanges(before: ApiDocument, after: ApiDocument): string[] {
  if ('asyncapi' in before || 'asyncapi' in after) return asyncApiBreaks(before, after);
  return openApiBreaks(before, after);
}

function openApiBreaks(before: ApiDocument, after: ApiDocument): string[] {
  const breaks: string[] = [];
  // Schemas of each side are resolved in their own document.
  const sides: Sides = { before: localResolver(before), after: localResolver(after) };
  const resolveBefore = sides.before;
  const resolveAfter = sides.after;
  const afterPaths = obj(after.paths);
  for (const [path, beforeItem] of Object.entries(obj(before.paths))) {
    const afterItem = afterPaths[path];
    if (!afterItem) {
      breaks.push(`${path}: path removed`);
      continue;
    }
    for (const method of METHODS.filter((m) => m in obj(beforeItem))) {
      const op = `${method.toUpperCase()} ${path}`;
      const beforeOp = obj(obj(beforeItem)[method]);
      const afterOp = obj(obj(afterItem)[method]);
      if (!(method in obj(afterItem))) {
        breaks.push(`${op}: operation removed`);
        continue;
      }
      breaks.push(...parameterBreaks(op, beforeOp, afterOp, sides));
      const beforeBody = obj(obj(obj(resolveBefore(beforeOp.requestBody)).content));
      const afterBody = obj(obj(obj(resolveAfter(afterOp.requestBody)).content));
      for (const [type, media] of Object.entries(beforeBody)) {
        if (!(type in afterBody)) breaks.push(`${op} request ${type}: no longer accepted`);
        else
          breaks.push(
            ...schemaBreaks(obj(media).schema, obj(afterBody[type]).schema, `${op} request body`, 'request', sides),
          );
      }
      if (!obj(resolveBefore(beforeOp.requestBody)).required && obj(resolveAfter(afterOp.requestBody)).required)
        breaks.push(`${op}: request body newly required`);
      breaks.push(...responseBreaks(op, beforeOp, afterOp, sides));
    }
  }
  return breaks;
}

function parameterBreaks(op: string, before: Json, after: Json, sides: Sides): string[] {
  const key = (p: Json) => `${String(p.in)}:${String(p.name)}`;
  const list = (value: unknown, resolve: (v: unknown) => Json | undefined) =>
    new Map((Array.isArray(value) ? value : []).map((p) => obj(resolve(p))).map((p) => [key(p), p]));
  const beforeParams = list(before.parameters, sides.before);
  const breaks: string[] = [];
  for (const [id, param] of list(after.parameters, sides.after)) {
    const old = beforeParams.get(id);
    const name = `${op} ${String(param.in)} parameter ${String(param.name)}`;
    if (!old) {
      if (param.required) breaks.push(`${name}: new and required`);
      continue;
    }
    if (param.required && !old.required) breaks.push(`${name}: newly required`);
    breaks.push(...schemaBreaks(old.schema, param.schema, name, 'request', sides));
  }
  return breaks;
}

function responseBreaks(op: string, before: Json, after: Json, sides: Sides): string[] {
  const breaks: string[] = [];
  const afterResponses = obj(after.responses);
  for (const [status, response] of Object.entries(obj(before.responses))) {
    if (!/^2/.test(status)) continue; // error answers are problem+json whatever the route
    if (!(status in afterResponses)) {
      breaks.push(`${op} response ${status}: removed`);
      continue;
    }
    const beforeContent = obj(obj(sides.before(response)).content);
    const afterContent = obj(obj(sides.after(afterResponses[status])).content);
    for (const [type, media] of Object.entries(beforeContent)) {
      if (!(type in afterContent)) breaks.push(`${op} response ${status} ${type}: no longer returned`);
      else
        breaks.push(
          ...schemaBreaks(
            obj(media).schema,
            obj(afterContent[type]).schema,
            `${op} response ${status}`,
            'response',
            sides,
          ),
        );
    }
  }
  return breaks;
}

function asyncApiBreaks(before: ApiDocument, after: ApiDocument): string[] {
  const breaks: string[] = [];
  const sides: Sides = { before: localResolver(before), after: localResolver(after) };
  const afterChannels = obj(after.channels);
  for (const [id, channel] of Object.entries(obj(before.channels))) {
    if (!(id in afterChannels)) {
      breaks.push(`channel ${id} (${String(obj(channel).address)}): removed`);
      continue;
    }
    if (obj(channel).address !== obj(afterChannels[id]).address) breaks.push(`channel ${id}: address changed`);
  }
  const afterOps = obj(after.operations);
  for (const name of Object.keys(obj(before.operations))) {
    if (!(name in afterOps)) breaks.push(`operation ${name}: removed`);
  }
  const beforeMessages = obj(obj(before.components).messages);
  const afterMessages = obj(obj(after.components).messages);
  for (const [id, message] of Object.entries(beforeMessages)) {
    if (!(id in afterMessages)) continue; // reported with its channel
    breaks.push(
      ...schemaBreaks(obj(message).payload, obj(afterMessages[id]).payload, `message ${id}`, 'response', sides),
    );
    // A consumer built on the old schema must still accept what is sent: no new required field either.
    breaks.push(
      ...schemaBreaks(obj(message).payload, obj(afterMessages[id]).payload, `message ${id}`, 'request', sides).filter(
        (b) => b.endsWith('newly required'),
      ),
    );
  }
  return breaks;
}
