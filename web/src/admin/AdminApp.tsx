// The admin's frame: sign in as an admin, then products, stock and orders.
import { useSession } from '../session/session';
import { AppShell } from '../ui/AppShell';
import { Button } from '../ui/Button';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LoadState } from '../ui/Page';
import { Link, matchPath, useLocation } from '../ui/router';
import { SignInForm } from '../ui/SignInForm';
import { OrderDetailPage } from './OrderDetailPage';
import { OrdersPage } from './OrdersPage';
import { ProductEditPage } from './ProductEditPage';
import { ProductsPage } from './ProductsPage';

export function AdminApp() {
  const { user, ready, isAdmin, signOut } = useSession();
  const { path } = useLocation();
  if (!ready) return <LoadState loading problem={undefined} />;
  return (
    <AppShell
      brand={{ href: '/admin/', name: 'Emporium admin', mark: 'A', dark: true }}
      navLabel="Admin"
      nav={
        <>
          {isAdmin ? (
            <>
              <Link href="/admin/products" aria-current={path.startsWith('/admin/products') ? 'page' : undefined}>
                Products
              </Link>
              <Link href="/admin/orders" aria-current={path.startsWith('/admin/orders') ? 'page' : undefined}>
                Orders
              </Link>
            </>
          ) : null}
          <a href="/">Shop</a>
          <a href="/console/">Console</a>
          {user ? (
            <button type="button" className="link-like" onClick={() => signOut()}>
              Sign out
            </button>
          ) : null}
        </>
      }
    >
      {!user ? (
        <div className="card auth-card">
          <h1>Admin sign in</h1>
          <p className="muted">In the embedded mode the first admin is admin@emporium.local.</p>
          <SignInForm />
        </div>
      ) : !isAdmin ? (
        <div className="card auth-card stack">
          <h1>Admins only</h1>
          <p>{user.email} is not an admin account. Sign in with an admin account to manage the shop.</p>
          <Button variant="secondary" onClick={() => signOut()}>
            Sign out
          </Button>
        </div>
      ) : (
        <ErrorBoundary key={path}>
          <AdminRoute path={path} />
        </ErrorBoundary>
      )}
    </AppShell>
  );
}

function AdminRoute({ path }: { path: string }) {
  if (path.startsWith('/admin/orders')) {
    const order = matchPath('/admin/orders/:id', path);
    return order?.id ? <OrderDetailPage id={order.id} /> : <OrdersPage />;
  }
  if (path === '/admin/products/new') return <ProductEditPage />;
  const product = matchPath('/admin/products/:id', path);
  if (product?.id) return <ProductEditPage id={product.id} />;
  return <ProductsPage />;
}
