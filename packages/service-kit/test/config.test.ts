import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatabaseConfig, parseConfig, ServiceConfig, Type } from '../src/index.js';

const Schema = Type.Object({ ...ServiceConfig.properties, ...DatabaseConfig.properties });

describe('configuration', () => {
  it('applies defaults and converts numbers', () => {
    const config = parseConfig(Schema, { PORT: '8081', DATABASE_URL: 'postgres://u@h/db' });
    assert.equal(config.PORT, 8081);
    assert.equal(config.HOST, '127.0.0.1');
    assert.equal(config.DATABASE_POOL_SIZE, 10);
  });

  it('names a missing required setting', () => {
    assert.throws(() => parseConfig(Schema, { PORT: '8081' }), /DATABASE_URL .*\(not set\)/);
  });

  it('names a malformed setting and shows the value it got', () => {
    assert.throws(
      () => parseConfig(Schema, { PORT: 'eighty', DATABASE_URL: 'postgres://u@h/db' }),
      /PORT .*\(got "eighty"\)/,
    );
    assert.throws(() => parseConfig(Schema, { PORT: '1', DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  });
});
