import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileAccessRules } from '../src/openapi-access.js';

const bearer = [{ bearerAuth: [] }];

/** An OpenAPI document with the given operations: `{ '/path': { get: security } }`. */
function documentWith(paths: Record<string, Record<string, unknown[] | undefined>>, security?: unknown[]) {
  const built: Record<string, Record<string, unknown>> = {};
  for (const [path, operations] of Object.entries(paths)) {
    built[path] = Object.fromEntries(
      Object.entries(operations).map(([method, requirement]) => [
        method,
        requirement === undefined ? { responses: {} } : { security: requirement, responses: {} },
      ]),
    );
  }
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: built, ...(security ? { security } : {}) };
}

describe('OpenAPI access rules', () => {
  const { rules, skipped } = compileAccessRules(
    documentWith({
      '/v1/products': { get: undefined, post: bearer },
      '/v1/products/{id}': { get: undefined, patch: bearer, delete: bearer },
      '/v1/users/me': { get: bearer },
      '/v1/reviews/{id}/replies/{reply_id}': { put: bearer },
      '/v1/maybe': { get: [{}, ...bearer] },
    }),
  );

  it('requires a token where the operation lists a security requirement', () => {
    assert.equal(rules.requiresToken('POST', '/v1/products'), true);
    assert.equal(rules.requiresToken('PATCH', '/v1/products/0190a6c2-7e1c-7cc0-9d4a-4b1c2f9a1b2c'), true);
    assert.equal(rules.requiresToken('GET', '/v1/users/me'), true);
    assert.equal(rules.requiresToken('PUT', '/v1/reviews/1/replies/2'), true);
  });

  it('lets public operations through, per method on the same path', () => {
    assert.equal(rules.requiresToken('GET', '/v1/products'), false);
    assert.equal(rules.requiresToken('GET', '/v1/products/42'), false);
  });

  it('treats an empty requirement among the alternatives as optional authentication', () => {
    assert.equal(rules.requiresToken('GET', '/v1/maybe'), false);
  });

  it('judges HEAD by the GET operation', () => {
    assert.equal(rules.requiresToken('HEAD', '/v1/users/me'), true);
    assert.equal(rules.requiresToken('HEAD', '/v1/products'), false);
  });

  it('leaves routes the document does not list to the service', () => {
    assert.equal(rules.requiresToken('GET', '/v1/unlisted'), false);
    assert.equal(rules.requiresToken('DELETE', '/v1/users/me'), false);
    assert.deepEqual(skipped, []);
  });

  it('applies the document-wide security to operations that state none', () => {
    const global = compileAccessRules(documentWith({ '/v1/a': { get: undefined }, '/v1/b': { get: [] } }, bearer));
    assert.equal(global.rules.requiresToken('GET', '/v1/a'), true);
    assert.equal(global.rules.requiresToken('GET', '/v1/b'), false);
  });

  it('compiles anything that is not an OpenAPI document to no rules', () => {
    for (const notADocument of [null, 'text', [], { paths: 'nope' }, { paths: { '/x': 'nope' } }]) {
      assert.equal(compileAccessRules(notADocument).rules.requiresToken('GET', '/x'), false);
    }
  });

  it('skips, and reports, paths that clash in the router', () => {
    const clashing = compileAccessRules(documentWith({ '/v1/a/{x}': { get: bearer }, '/v1/a/{y}': { get: bearer } }));
    assert.equal(clashing.skipped.length, 1);
    assert.match(clashing.skipped[0] ?? '', /^GET \/v1\/a\/\{y\}/);
    assert.equal(clashing.rules.requiresToken('GET', '/v1/a/1'), true);
  });
});
