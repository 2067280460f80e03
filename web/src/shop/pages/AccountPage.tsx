// The account: orders (cancel where allowed), notifications, preferences, and sign out.
import { useState } from 'react';
import { PAGE_SIZES } from '../../api/page-sizes';
import { problemOf, unwrap } from '../../api/problem';
import type { Preferences, Problem } from '../../api/types';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { formatMoney, formatTime, shortId } from '../../ui/format';
import { Badge, Empty, LoadState, PageTitle } from '../../ui/Page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Link, navigate } from '../../ui/router';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { useTitle } from '../../ui/useTitle';
import { HISTORY_WORDS, reasonInWords } from '../words';
import { ProfileForm } from './ProfileForm';

const TABS = [
  { href: '/account', label: 'Orders' },
  { href: '/account/notifications', label: 'Notifications' },
  { href: '/account/preferences', label: 'Preferences' },
  { href: '/account/profile', label: 'Profile' },
];

export function AccountPage({ path }: { path: string }) {
  const { user, ready, signOut } = useSession();
  useTitle('Your account');
  if (!ready) return <LoadState loading problem={undefined} />;
  if (!user) {
    return (
      <div className="card auth-card">
        <h1>Your account</h1>
        <p>Sign in to see your orders, notifications and preferences.</p>
        <Link className="button button-primary" href={`/signin?next=${encodeURIComponent(path)}`}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <>
      <PageTitle
        actions={
          <Button
            variant="secondary"
            onClick={async () => {
              await signOut();
              navigate('/');
            }}
          >
            Sign out
          </Button>
        }
      >
        Hello, {user.name}
      </PageTitle>
      <p className="muted">Signed in as {user.email}</p>
      <nav className="tabs" aria-label="Account">
        {TABS.map((t) => (
          <Link key={t.href} href={t.href} aria-current={path === t.href ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
      </nav>
      {path === '/account/notifications' ? (
        <NotificationsTab />
      ) : path === '/account/preferences' ? (
        <PreferencesTab />
      ) : path === '/account/profile' ? (
        <ProfileForm />
      ) : (
        <OrdersTab />
      )}
    </>
  );
}

function OrdersTab() {
  const { api } = useSession();
  const orders = useLoad(
    () => unwrap(api.orders.GET('/v1/orders', { params: { query: { limit: PAGE_SIZES.accountOrders } } })),
    [api],
  );
  const [busyId, setBusyId] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  if (!orders.data) return <LoadState loading={orders.loading} problem={orders.problem} />;
  if (orders.data.items.length === 0)
    return (
      <Empty>
        No orders yet. <Link href="/">Start shopping</Link>.
      </Empty>
    );

  const cancel = async (id: string) => {
    setBusyId(id);
    setProblem(undefined);
    try {
      await unwrap(api.orders.POST('/v1/orders/{id}/cancel', { params: { path: { id } } }));
      orders.reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <div className="stack">
      <ProblemMessage problem={problem} />
      <div className="table-wrap card" style={{ padding: 0 }}>
        <table>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.data.items.map((o) => (
              <tr key={o.id} data-testid="account-order">
                <td>
                  <Link href={`/orders/${o.id}`}>{shortId(o.id)}</Link>
                  <div className="muted">{o.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')}</div>
                </td>
                <td>{formatTime(o.created_at)}</td>
                <td>
                  <Badge tone={o.status}>{HISTORY_WORDS[o.status]}</Badge>
                  {o.reason ? <div className="muted">{reasonInWords(o.reason)}</div> : null}
                </td>
                <td className="num">{formatMoney(o.total)}</td>
                <td>
                  {o.status === 'pending' || o.status === 'confirmed' ? (
                    <Button
                      variant="danger"
                      busy={busyId === o.id}
                      busyLabel="Cancelling…"
                      onClick={() => cancel(o.id)}
                    >
                      Cancel
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function NotificationsTab() {
  const { api } = useSession();
  const list = useLoad(
    () =>
      unwrap(
        api.notifications.GET('/v1/notifications', { params: { query: { limit: PAGE_SIZES.accountNotifications } } }),
      ),
    [api],
  );
  if (!list.data) return <LoadState loading={list.loading} problem={list.problem} />;
  if (list.data.items.length === 0) return <Empty>No notifications yet.</Empty>;
  return (
    <ul className="list">
      {list.data.items.map((n) => (
        <li className="card spread" key={n.id}>
          <div>
            <strong>{n.subject}</strong>
            <div className="muted">
              {n.channel === 'email' ? 'Email' : n.channel === 'sms' ? 'Text message' : 'Push notification'} ·{' '}
              {formatTime(n.created_at)}
            </div>
          </div>
          <Badge tone={n.status === 'sent' ? 'ok' : n.status === 'failed' ? 'danger' : 'warn'}>{n.status}</Badge>
        </li>
      ))}
    </ul>
  );
}

const CHANNELS: Array<{ key: keyof Preferences; label: string }> = [
  { key: 'email', label: 'Email' },
  { key: 'sms', label: 'Text messages (SMS)' },
  { key: 'push', label: 'Push notifications' },
];

function PreferencesTab() {
  const { api } = useSession();
  const loaded = useLoad(() => unwrap(api.notifications.GET('/v1/preferences')), [api]);
  const saving = useAction();
  const [saved, setSaved] = useState(false);
  if (!loaded.data) return <LoadState loading={loaded.loading} problem={loaded.problem} />;
  const prefs = loaded.data;

  const change = async (key: keyof Preferences, value: boolean) => {
    setSaved(false);
    const body = { ...pickChannels(prefs), [key]: value };
    const done = await saving.run(() => unwrap(api.notifications.PUT('/v1/preferences', { body })));
    if (done) {
      loaded.reload();
      setSaved(true);
    }
  };

  return (
    <section className="card stack" aria-label="Notification preferences">
      <p>Choose how we tell you about your orders.</p>
      {CHANNELS.map((c) => (
        <label className="checkbox" key={c.key}>
          <input
            type="checkbox"
            checked={Boolean(prefs[c.key])}
            disabled={saving.busy}
            onChange={(e) => change(c.key, e.target.checked)}
          />
          {c.label}
        </label>
      ))}
      <ProblemMessage problem={saving.problem} />
      {saved ? (
        <p className="notice notice-ok" role="status">
          Saved.
        </p>
      ) : null}
    </section>
  );
}

function pickChannels(p: Preferences) {
  return { email: p.email, sms: p.sms, push: p.push };
}
