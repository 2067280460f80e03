// Breaking-change detection between two versions of an API document: what clients rely on may not be
// removed or narrowed unless the version changes; additions pass.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ApiDocument, breakingChanges } from '../src/breaking-changes.js';
import { unversionedBreaks } from '../src/documents.js';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited through arbitrary paths
type Fixture = any;

/** A small OpenAPI document: GET/POST /v1/things, with a request body and a response schema. */
function openapi(change: (doc: Fixture) => void = () => {}): ApiDocument {
  const doc = {
    openapi: '3.1.0',
    info: { title: 'Emporium things', version: '1.0.0' },
    components: {
      schemas: { Money: { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' } } } },
    },
    paths: {
      '/v1/things': {
        get: {
          parameters: [{ in: 'query', name: 'limit', required: false, schema: { type: 'integer' } }],
          responses: {
            '200': {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id', 'status', 'price'],
                    properties: {
                      id: { type: 'string' },
                      status: { type: 'string', enum: ['new', 'done'] },
                      price: { $ref: '#/components/schemas/Money' },
                    },
                  },
                },
              },
            },
          },
        },
        post: {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['name'],
                  properties: {
                    name: { type: 'string' },
                    size: { type: ['integer', 'string'] },
                    kind: { enum: ['a', 'b'] },
                  },
                },
              },
            },
          },
          responses: { '201': { content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
      '/v1/things/{id}': { get: { responses: { '200': { description: 'ok' } } } },
    },
  };
  change(doc as never);
  return doc;
}

const body = (doc: Fixture) => doc.paths['/v1/things'].post.requestBody.content['application/json'].schema;
const answer = (doc: Fixture) => doc.paths['/v1/things'].get.responses['200'].content['application/json'].schema;

describe('breaking changes between OpenAPI documents', () => {
  it('finds none between a document and itself, or after additions', () => {
    assert.deepEqual(breakingChanges(openapi(), openapi()), []);
    const added = openapi((d) => {
      d.paths['/v1/others'] = { get: { responses: {} } };
      body(d).properties.colour = { type: 'string' };
      answer(d).properties.created_at = { type: 'string' };
      body(d).properties.size.type = ['integer', 'string', 'null'];
      body(d).properties.kind.enum.push('c');
    });
    assert.deepEqual(breakingChanges(openapi(), added), []);
  });

  it('names a removed path and a removed operation', () => {
    const after = openapi((d) => {
      delete d.paths['/v1/things/{id}'];
      delete d.paths['/v1/things'].post;
    });
    assert.deepEqual(breakingChanges(openapi(), after).sort(), [
      '/v1/things/{id}: path removed',
      'POST /v1/things: operation removed',
    ]);
  });

  it('names a response field removed, made optional, retyped or given a new enum value, also through a $ref', () => {
    const after = openapi((d) => {
      delete answer(d).properties.id;
      answer(d).required = ['status', 'price'];
      answer(d).properties.status.enum.push('lost');
      d.components = {
        schemas: { Money: { type: 'object', required: ['amount'], properties: { amount: { type: 'string' } } } },
      };
    });
    assert.deepEqual(breakingChanges(openapi(), after), [
      'GET /v1/things response 200.id: field removed',
      'GET /v1/things response 200.status: may now return "lost"',
      'GET /v1/things response 200.price.amount: type widened (integer → string)',
    ]);
  });

  it('names a request type narrowed, an enum value refused, a field newly required or dropped from a closed body, and a new required parameter', () => {
    const after = openapi((d) => {
      body(d).properties.size.type = 'integer';
      body(d).properties.kind.enum = ['a'];
      body(d).required = ['name', 'kind'];
      delete body(d).properties.name;
      body(d).required = ['kind'];
      d.paths['/v1/things'].get.parameters.push({
        in: 'query',
        name: 'owner',
        required: true,
        schema: { type: 'string' },
      });
      d.paths['/v1/things'].get.parameters[0].schema.type = 'string';
    });
    assert.deepEqual(breakingChanges(openapi(), after).sort(), [
      'GET /v1/things query parameter limit: type narrowed (integer → string)',
      'GET /v1/things query parameter owner: new and required',
      'POST /v1/things request body.kind: newly required',
      'POST /v1/things request body.kind: no longer accepts "b"',
      'POST /v1/things request body.name: field removed',
      'POST /v1/things request body.size: type narrowed (integer|string → integer)',
    ]);
  });

  it('lets a breaking change through only with a new info.version', () => {
    const after = openapi((d) => delete d.paths['/v1/things/{id}']);
    assert.equal(unversionedBreaks(openapi(), after).length, 1);
    after.info.version = '2.0.0';
    assert.deepEqual(unversionedBreaks(openapi(), after), []);
  });
});

describe('breaking changes between AsyncAPI documents', () => {
  function asyncapi(change: (doc: Fixture) => void = () => {}): ApiDocument {
    const doc = {
      asyncapi: '3.0.0',
      info: { title: 'Emporium things messages', version: '1.0.0' },
      channels: { 'ThingMade.v1': { address: 'emporium.things.ThingMade.v1', messages: {} } },
      operations: { sendThingMadeV1: { action: 'send' } },
      components: {
        messages: {
          'ThingMade.v1': {
            payload: {
              type: 'object',
              properties: { data: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
            },
          },
        },
      },
    };
    change(doc);
    return doc;
  }

  it('names a removed channel, a removed field and a newly required one', () => {
    assert.deepEqual(breakingChanges(asyncapi(), asyncapi()), []);
    const removed = asyncapi((d) => {
      d.channels = {};
      d.operations = {};
    });
    assert.deepEqual(breakingChanges(asyncapi(), removed), [
      'channel ThingMade.v1 (emporium.things.ThingMade.v1): removed',
      'operation sendThingMadeV1: removed',
    ]);
    const changed = asyncapi((d) => {
      const data = d.components.messages['ThingMade.v1'].payload.properties.data;
      data.properties = { size: { type: 'integer' } };
      data.required = ['size'];
    });
    assert.deepEqual(breakingChanges(asyncapi(), changed), [
      'message ThingMade.v1.data.id: field removed',
      'message ThingMade.v1.data.size: newly required',
    ]);
  });
});
