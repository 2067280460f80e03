// No secret reaches a log line: real HTTP requests carrying a bearer token, a password, card data and a
// token in the query string go through a service whose handlers log carelessly (whole bodies and
// headers), at debug level; the captured JSON lines must hold none of them.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createTestTokens } from '@emporium/testing';
import { createLocalJWKSet } from 'jose';
import { createLogger, createService, createTokenVerifier, type ServiceApp } from '../src/index.js';

const PASSWORD = 'correct horse battery staple';
const CARD = '4242424242424242';
const CVC = '987';
const QUERY_TOKEN = 'query-secret-0123456789';

describe('service kit: logs carry no secrets', () => {
  let app: ServiceApp;
  let base: string;
  let token: string;
  const lines: string[] = [];

  before(async () => {
    const tokens = await createTestTokens();
    token = await tokens.token({ roles: ['customer'], subject: 'u1' });
    const capture = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    app = await createService({
      name: 'redaction-test',
      version: 'v1',
      logger: createLogger('redaction-test', 'v1', 'debug', capture),
      verifier: createTokenVerifier(createLocalJWKSet(tokens.jwks), tokens),
    });
    app.post('/sessions', { config: { auth: 'public' } }, async (request) => {
      request.log.info({ body: request.body }, 'sign-in attempt');
      return { access_token: token, refresh_token: 'r.refresh-secret' };
    });
    app.post('/cards', { config: { auth: 'public' } }, async (request) => {
      request.log.info({ card: request.body }, 'card received');
      throw new Error('card processing failed');
    });
    app.get('/mine', async (request) => {
      request.log.debug({ headers: request.headers }, 'who is asking');
      return { user: request.principal?.userId };
    });
    app.get('/events', { config: { auth: 'public' } }, async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => app.close());

  it('redacts tokens, passwords and card data from request lines and from what handlers log', async () => {
    const json = { 'content-type': 'application/json' };
    const signIn = await fetch(`${base}/sessions`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'a@example.com', password: PASSWORD }),
    });
    assert.equal(signIn.status, 200);
    const card = await fetch(`${base}/cards`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${token}` },
      body: JSON.stringify({ card_number: CARD, cvc: CVC, holder: 'A Person' }),
    });
    assert.equal(card.status, 500);
    const mine = await fetch(`${base}/mine`, {
      headers: { authorization: `Bearer ${token}`, cookie: 'sid=cookie-secret' },
    });
    assert.equal(mine.status, 200);
    const stream = await fetch(`${base}/events?token=${QUERY_TOKEN}&x=1`);
    assert.equal(stream.status, 200);

    const text = lines.join('\n');
    assert.ok(
      lines.some((l) => JSON.parse(l).msg === 'sign-in attempt'),
      'the careless handler did log',
    );
    assert.ok(lines.some((l) => JSON.parse(l).msg === 'who is asking'));
    assert.ok(text.includes('[redacted]'));
    for (const secret of [token, PASSWORD, CARD, CVC, QUERY_TOKEN, 'cookie-secret']) {
      assert.ok(!text.includes(secret), `a log line holds a secret (${secret.slice(0, 6)}…)`);
    }
    // What is not secret stays readable.
    assert.ok(text.includes('a@example.com'));
    assert.ok(text.includes('/events?token=[redacted]&x=1'));
  });

  it('puts the trace id of the request on its log lines and answers with the traceparent', async () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const res = await fetch(`${base}/events`, { headers: { traceparent: parent } });
    const answered = res.headers.get('traceparent') ?? '';
    assert.match(answered, /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-0[01]$/);
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.url === '/events' && l.trace_id);
    assert.equal(line?.trace_id, '0af7651916cd43dd8448eb211c80319c');
    assert.equal(line?.service, 'redaction-test');
    assert.ok(line?.request_id);
  });
});
