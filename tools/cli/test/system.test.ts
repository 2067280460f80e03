// System test: the real CLI starts real processes; everything is driven over HTTP through the gateway.
// Runs on the embedded PostgreSQL and, when it answers (always in CI), on the machine's PostgreSQL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProductCreated, streamOf, UserRegistered } from '@emporium/contracts';
import { connectBus } from '@emporium/messaging';
import { createRuntime, infraModesUnderTest, type Runtime } from '@emporium/testing';
import { importJWK, SignJWT } from 'jose';
import pg from 'pg';
import { shopClient } from './support/shop-client.js';

const CLI = resolve(import.meta.dirname, '../src/main.js');
for (const mode of await infraModesUnderTest()) {
  const { infra, skip } = mode;

  describe(`system: the shop through the gateway (${infra} PostgreSQL)`, { skip }, () => {
    let runtime: Runtime;
    let shop: ReturnType<typeof shopClient>;
    const customer = { email: `sys.${infra}@example.com`, password: 'a long enough password', name: 'Sys Tester' };

    before(async () => {
      // The infrastructure mode runs on real NATS: a private server, so tests never share streams.
      runtime = await createRuntime(await mode.start());
      await runtime.start();
      shop = shopClient(runtime.gateway);
    });
    after(async () => {
      await runtime?.cleanUp();
      await mode.stop();
    });

    it('registers, signs in and reads the profile', async () => {
      const created = await shop.post('/api/users/v1/users', customer);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(created.body.roles, ['customer']);
      const { access_token } = await shop.signIn(customer.email, customer.password);
      const me = await shop.get('/api/users/v1/users/me', access_token);
      assert.equal(me.status, 200);
      assert.equal(me.body.email, customer.email);
      assert.ok(me.headers.get('x-request-id'));
    });

    it('publishes UserRegistered and ProductCreated through the outbox to a subscriber', async () => {
      const bus = await connectBus(await runtime.busUrl(), 'system-test');
      const seen: Array<{ type: string; data: Record<string, unknown> }> = [];
      const subscriptions = await Promise.all(
        [UserRegistered, ProductCreated].map((message) =>
          bus.consume(
            {
              durable: `systest-${message.service}`,
              stream: streamOf(message.service).name,
              filterSubjects: [message.type],
              ackWaitMs: 5000,
              maxDeliveries: 3,
              maxInFlight: 4,
            },
            async (delivery) => {
              seen.push(JSON.parse(Buffer.from(delivery.data).toString('utf8')));
              await delivery.ack();
            },
          ),
        ),
      );
      try {
        const email = `events.${infra}@example.com`;
        assert.equal((await shop.post('/api/users/v1/users', { ...customer, email })).status, 201);
        const { access_token: adminToken } = await shop.signIn('admin@systest.example', 'systest-admin-password');
        const created = await shop.post(
          '/api/products/v1/products',
          {
            sku: `EVT-${infra.toUpperCase()}`,
            name: 'Event Kettle',
            description: 'A kettle that makes news',
            category: 'kitchen',
            price: { amount: 2500, currency: 'USD' },
          },
          adminToken,
        );
        assert.equal(created.status, 201);
        const deadline = Date.now() + 15_000;
        const arrived = () =>
          seen.some((e) => e.type === UserRegistered.type && e.data.email === email) &&
          seen.some((e) => e.type === ProductCreated.type && e.data.product_id === created.body.id);
        while (!arrived() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        assert.ok(arrived(), `events seen: ${JSON.stringify(seen.map((e) => e.type))}`);
      } finally {
        await Promise.all(subscriptions.map((s) => s.stop()));
        await bus.close();
      }
    });

    it('lists dead letters and refuses to replay an unknown one from the CLI', async () => {
      const cli = (...args: string[]) =>
        new Promise<{ code: number | null; out: string }>((done) => {
          const child = spawn(process.execPath, [CLI, ...args], {
            env: { ...process.env, ...runtime.env, NO_COLOR: '1' },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          child.stdout.on('data', (d) => {
            out += d;
          });
          child.stderr.on('data', (d) => {
            out += d;
          });
          child.once('exit', (code) => done({ code, out }));
        });
      const listed = await cli('events', 'dead-letters');
      assert.equal(listed.code, 0, listed.out);
      assert.match(listed.out, /No dead letters\./);
      const replayed = await cli('events', 'replay', 'no-such-id');
      assert.equal(replayed.code, 1);
      assert.match(replayed.out, /No dead letter with id no-such-id/);
    });

    it('rotates refresh tokens and revokes the family on reuse', async () => {
      const first = await shop.signIn(customer.email, customer.password);
      const second = await shop.post('/api/users/v1/sessions/refresh', { refresh_token: first.refresh_token });
      assert.equal(second.status, 200);
      const reuse = await shop.post('/api/users/v1/sessions/refresh', { refresh_token: first.refresh_token });
      assert.equal(reuse.status, 401);
      const after = await shop.post('/api/users/v1/sessions/refresh', { refresh_token: second.body.refresh_token });
      assert.equal(after.status, 401);
    });

    it('searches the seeded catalog with ranked results', async () => {
      const res = await shop.get('/api/products/v1/products?q=espresso');
      assert.equal(res.status, 200);
      assert.ok(res.body.items.length >= 3);
      assert.equal(res.body.items[0].sku, 'KIT-002');
      const all = await shop.get('/api/products/v1/products?limit=100');
      assert.ok(all.body.items.length >= 50);
      const categories = await shop.get('/api/products/v1/categories');
      assert.ok(categories.body.items.length >= 6);
    });

    it('answers an unknown service with 404 problem+json', async () => {
      const res = await shop.get('/api/nope/v1/things');
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    });

    it('answers malformed JSON with 400 and an oversized body with 413', async () => {
      const bad = await shop.call('POST', '/api/users/v1/users', { raw: '{"email": "x@y.z", ' });
      assert.equal(bad.status, 400);
      assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
      const big = await shop.call('POST', '/api/users/v1/users', {
        raw: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
      });
      assert.equal(big.status, 413);
    });

    it('refuses missing, tampered and expired tokens with 401', async () => {
      assert.equal((await shop.get('/api/users/v1/users/me')).status, 401);
      const { access_token } = await shop.signIn(customer.email, customer.password);
      const [h, p, s] = access_token.split('.');
      const tampered = `${h}.${p}.${s?.startsWith('A') ? 'B' : 'A'}${s?.slice(1)}`;
      assert.equal((await shop.get('/api/users/v1/users/me', tampered)).status, 401);

      // An expired token signed with the real key: only the expiry makes it invalid.
      const db = new pg.Client({ connectionString: await runtime.serviceUrl('users') });
      await db.connect();
      const { rows } = await db.query('SELECT kid, private_jwk FROM signing_keys LIMIT 1');
      await db.end();
      const now = Math.floor(Date.now() / 1000);
      const expired = await new SignJWT({ email: customer.email, roles: ['customer'] })
        .setProtectedHeader({ alg: 'EdDSA', kid: rows[0].kid })
        .setSubject(JSON.parse(Buffer.from(p ?? '', 'base64url').toString()).sub)
        .setIssuer('emporium-users')
        .setAudience('emporium')
        .setIssuedAt(now - 3600)
        .setExpirationTime(now - 60)
        .sign(await importJWK(rows[0].private_jwk, 'EdDSA'));
      const res = await shop.get('/api/users/v1/users/me', expired);
      assert.equal(res.status, 401);
    });

    it('lets an admin write the catalog and refuses a customer with 403', async () => {
      const product = {
        sku: `SYS-${infra.toUpperCase()}`,
        name: 'System Test Teapot',
        description: 'A teapot made by the system test',
        category: 'kitchen',
        price: { amount: 1999, currency: 'USD' },
      };
      const { access_token: customerToken } = await shop.signIn(customer.email, customer.password);
      assert.equal((await shop.post('/api/products/v1/products', product, customerToken)).status, 403);
      const { access_token: adminToken } = await shop.signIn('admin@systest.example', 'systest-admin-password');
      const created = await shop.post('/api/products/v1/products', product, adminToken);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const found = await shop.get('/api/products/v1/products?q=teapot');
      assert.ok(found.body.items.some((p: { sku: string }) => p.sku === product.sku));
    });

    it("gives each service a role that cannot open another service's database", async () => {
      const usersRole = new URL(await runtime.serviceUrl('users'));
      usersRole.pathname = new URL(await runtime.serviceUrl('catalog')).pathname;
      const intruder = new pg.Client({ connectionString: usersRole.toString() });
      await assert.rejects(intruder.connect(), /permission denied for database/);
      await intruder.end().catch(() => {});
    });

    it('stops cleanly on Ctrl-C and finds the same data on the next start', async () => {
      assert.equal(await runtime.interrupt(), 0);
      assert.match(runtime.output(), /▸ stopped/);
      assert.doesNotMatch(runtime.output(), /was killed/);
      await assert.rejects(fetch(`${runtime.gateway}/healthz`), 'the gateway must be gone');
      await runtime.start();
      const { access_token } = await shop.signIn(customer.email, customer.password);
      assert.equal((await shop.get('/api/users/v1/users/me', access_token)).status, 200);
    });
  });
}

describe('system: a service that cannot start', () => {
  it('makes `emporium up` exit non-zero with that service’s last log lines, and stop the rest', async () => {
    const runtime = await createRuntime({ infra: 'embedded' });
    const { createServer } = await import('node:net');
    const squatter = createServer();
    const gatewayPort = Number(new URL(runtime.gateway).port);
    await new Promise<void>((r) => squatter.listen(gatewayPort, '127.0.0.1', r));
    try {
      await assert.rejects(runtime.start(), (error: Error) => {
        assert.match(error.message, /exited with 1/);
        assert.match(error.message, /gateway exited with code 1 before it was ready/);
        assert.match(error.message, /EADDRINUSE/);
        assert.match(error.message, /▸ stopped/);
        return true;
      });
    } finally {
      squatter.close();
      await runtime.cleanUp();
    }
  });
});
