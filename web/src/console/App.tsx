// The console's frame: sign-in as an admin, the navigation, an order lookup, and the page for the URL.
import { type FormEvent, useState } from 'react';
import { useSession } from '../session/session';
import { Loading } from '../ui/Page';
import { Link, navigate, useLocation } from '../ui/router';
import { SignInForm } from '../ui/SignInForm';
import { parseRoute, paths, type Route } from './layout/routes';
import { DeadLettersPage } from './pages/DeadLettersPage';
import { LogsPage } from './pages/LogsPage';
import { OrderPage } from './pages/OrderPage';
import { OverviewPage } from './pages/OverviewPage';
import { ServicePage } from './pages/ServicePage';
import { SlosPage } from './pages/SlosPage';
import { TracePage } from './pages/TracePage';
import { TracesPage } from './pages/TracesPage';

const NAV: { label: string; href: string; pages: Route['page'][] }[] = [
  { label: 'Topology', href: paths.overview(), pages: ['overview', 'service'] },
  { label: 'Traces', href: paths.traces(), pages: ['traces', 'trace', 'order'] },
  { label: 'Logs', href: paths.logs(), pages: ['logs'] },
  { label: 'SLOs', href: paths.slos(), pages: ['slos'] },
  { label: 'Dead letters', href: paths.deadLetters(), pages: ['dead-letters'] },
];

export function App() {
  const { user, ready, isAdmin, signOut } = useSession();
  const { path, query } = useLocation();
  const route = parseRoute(path, query);
  return (
    <div className="shell console">
      <header className="topbar">
        <div className="topbar-inner">
          <Link className="brand" href={paths.overview()}>
            <span className="brand-mark" aria-hidden="true">
              E
            </span>
            Emporium ops
          </Link>
          {isAdmin && (
            <nav className="topnav" aria-label="Console">
              {NAV.map((item) => (
                <Link
                  key={item.label}
                  href={item.href}
                  aria-current={item.pages.includes(route.page) ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              ))}
              <OrderLookup />
              <button type="button" className="link-like" onClick={() => void signOut()} title={user?.email}>
                Sign out
              </button>
            </nav>
          )}
        </div>
      </header>
      <main className="content wide" id="main">
        {!ready ? <Loading /> : !user ? <SignIn /> : !isAdmin ? <NotAdmin /> : <Page route={route} />}
      </main>
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'service':
      return <ServicePage name={route.name} />;
    case 'traces':
      return <TracesPage query={route.query} />;
    case 'trace':
      return <TracePage id={route.id} />;
    case 'order':
      return <OrderPage id={route.id} />;
    case 'logs':
      return <LogsPage query={route.query} />;
    case 'dead-letters':
      return <DeadLettersPage />;
    case 'slos':
      return <SlosPage />;
    case 'not-found':
      return (
        <p className="empty">
          Nothing at {route.path}. <Link href={paths.overview()}>Back to the topology</Link>
        </p>
      );
  }
}

function OrderLookup() {
  const [id, setId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (id.trim()) navigate(paths.order(id.trim()));
  };
  return (
    <form className="order-lookup" onSubmit={submit} aria-label="Open an order">
      <input
        aria-label="Open an order by id"
        placeholder="order id"
        value={id}
        onChange={(e) => setId(e.target.value)}
      />
    </form>
  );
}

function SignIn() {
  return (
    <div className="card auth-card">
      <h1>Operations console</h1>
      <p className="muted">Sign in with an admin account to see the shop's topology, traces, logs and SLOs.</p>
      <SignInForm />
    </div>
  );
}

function NotAdmin() {
  const { user, signOut } = useSession();
  return (
    <div className="card auth-card">
      <h1>Admins only</h1>
      <p>
        {user?.email} is not an admin. The console shows every customer's orders and the shop's internals, so it needs
        an admin account.
      </p>
      <button type="button" className="button button-secondary" onClick={() => void signOut()}>
        Sign in as someone else
      </button>
    </div>
  );
}
