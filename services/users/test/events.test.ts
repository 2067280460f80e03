import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cloudEventValidator, UserProfileUpdated, UserRegistered } from '@emporium/contracts';
import { newAccount, startUsers, type UsersHarness } from './support/users-app.js';

describe('users: events through the outbox', () => {
  let users: UsersHarness;
  before(async () => {
    users = await startUsers('users_events');
  });
  after(() => users.close());

  const outboxFor = async (userId: string) =>
    (
      await users.pool.query<{ subject: string; envelope: string }>(
        'SELECT subject, envelope FROM outbox WHERE aggregate = $1 ORDER BY sequence',
        [userId],
      )
    ).rows.map((r) => ({ subject: r.subject, envelope: JSON.parse(r.envelope) }));

  it('records UserRegistered in the same transaction as the account', async () => {
    const account = newAccount();
    const created = (await users.app.inject({ method: 'POST', url: '/v1/users', payload: account })).json();
    const rows = await outboxFor(created.id);
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row?.subject, UserRegistered.type);
    assert.ok(cloudEventValidator.Check(row?.envelope));
    assert.ok(UserRegistered.validator.Check(row?.envelope.data));
    assert.equal(row?.envelope.data.email, account.email);
    assert.equal(row?.envelope.subject, created.id);
    assert.equal(JSON.stringify(row?.envelope).includes(account.password), false, 'no password in events');
  });

  it('records nothing when the registration is refused', async () => {
    const account = newAccount();
    await users.app.inject({ method: 'POST', url: '/v1/users', payload: account });
    const before = (await users.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
    const again = await users.app.inject({ method: 'POST', url: '/v1/users', payload: account });
    assert.equal(again.statusCode, 409);
    const after = (await users.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
    assert.equal(after, before);
  });

  it('records UserProfileUpdated with the whole current profile', async () => {
    const account = newAccount();
    const created = (await users.app.inject({ method: 'POST', url: '/v1/users', payload: account })).json();
    const { access_token } = (
      await users.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        payload: { email: account.email, password: account.password },
      })
    ).json();
    const patched = await users.app.inject({
      method: 'PATCH',
      url: '/v1/users/me',
      headers: { authorization: `Bearer ${access_token}` },
      payload: { phone: '+1 555 0199' },
    });
    assert.equal(patched.statusCode, 200);
    const rows = await outboxFor(created.id);
    assert.deepEqual(
      rows.map((r) => r.subject),
      [UserRegistered.type, UserProfileUpdated.type],
    );
    assert.equal(rows[1]?.envelope.data.phone, '+1 555 0199');
    assert.equal(rows[1]?.envelope.data.name, account.name);
  });
});
