import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '@emporium/service-kit';
import { corsOrigin, GatewayConfig } from '../src/config.js';
import { parseUpstreams } from '../src/upstreams.js';

const JWKS_URL = 'http://127.0.0.1:8101/.well-known/jwks.json';
const read = (env: Record<string, string>) => parseConfig(GatewayConfig, { JWKS_URL, ...env });

describe('gateway configuration', () => {
  it('reads the upstream table and applies the documented defaults', () => {
    const config = read({ UPSTREAMS: 'users=http://127.0.0.1:8101, products=http://127.0.0.1:8102/' });
    assert.equal(config.UPSTREAM_TIMEOUT_MS, 10_000);
    assert.equal(config.BODY_LIMIT_BYTES, 1_048_576);
    assert.equal(config.CORS_ORIGINS, '*');
    assert.deepEqual(parseUpstreams(config.UPSTREAMS), [
      { name: 'users', url: 'http://127.0.0.1:8101' },
      { name: 'products', url: 'http://127.0.0.1:8102' },
    ]);
  });

  it('keeps a path prefix on an upstream URL', () => {
    assert.deepEqual(parseUpstreams('orders=https://orders.internal/base/'), [
      { name: 'orders', url: 'https://orders.internal/base' },
    ]);
  });

  it('names each bad UPSTREAMS entry in one ConfigError', () => {
    assert.throws(
      () => read({ UPSTREAMS: 'users=http://127.0.0.1:8101,products,Catalog=http://x,docs=http://y,pay=ftp://z' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /UPSTREAMS/);
        assert.match(error.message, /entry "products" must be name=url/);
        assert.match(error.message, /entry "Catalog=http:\/\/x" has a name/);
        assert.match(error.message, /entry "docs=http:\/\/y" uses the reserved name "docs"/);
        assert.match(error.message, /entry "pay=ftp:\/\/z" must use an http or https URL/);
        assert.doesNotMatch(error.message, /entry "users=/);
        return true;
      },
    );
  });

  it('refuses a repeated upstream name and a URL that does not parse', () => {
    assert.throws(() => read({ UPSTREAMS: 'users=http://a:1,users=http://b:2' }), /repeats the name "users"/);
    assert.throws(() => read({ UPSTREAMS: 'users=http://' }), /entry "users=http:\/\/" has a URL that does not parse/);
  });

  it('requires UPSTREAMS', () => {
    assert.throws(() => read({}), /UPSTREAMS .*not set/);
    assert.throws(() => read({ UPSTREAMS: ' , ' }), /UPSTREAMS names no upstream/);
  });

  it('refuses a timeout that is not a positive integer', () => {
    assert.throws(() => read({ UPSTREAMS: 'users=http://a:1', UPSTREAM_TIMEOUT_MS: '0' }), /UPSTREAM_TIMEOUT_MS/);
  });

  it('reads CORS_ORIGINS as any origin or a list', () => {
    assert.equal(corsOrigin('*'), '*');
    assert.deepEqual(corsOrigin('https://shop.example, https://admin.example'), [
      'https://shop.example',
      'https://admin.example',
    ]);
  });
});
