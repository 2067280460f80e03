// The shop's frame (search, categories, cart and account in the shared shell) and its routes.
import { unwrap } from '../api/problem';
import { useSession } from '../session/session';
import { AppShell } from '../ui/AppShell';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { Link, matchPath, useLocation } from '../ui/router';
import { useLoad } from '../ui/useLoad';
import { useCart } from './cart';
import { AccountPage } from './pages/AccountPage';
import { SignInPage, SignUpPage } from './pages/AuthPages';
import { CartPage } from './pages/CartPage';
import { CatalogPage } from './pages/CatalogPage';
import { CheckoutPage } from './pages/CheckoutPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrderPage } from './pages/OrderPage';
import { ProductPage } from './pages/ProductPage';
import { SearchBox } from './SearchBox';

export function App() {
  const { path } = useLocation();
  const { api, user } = useSession();
  const { count } = useCart();
  const categories = useLoad(() => unwrap(api.products.GET('/v1/categories')), [api]);
  const current = (href: string) => (path === href ? ('page' as const) : undefined);
  return (
    <AppShell
      brand={{ href: '/', name: 'Emporium', mark: 'E' }}
      middle={<SearchBox />}
      navLabel="Your shop"
      nav={
        <>
          {user ? (
            <Link href="/account" aria-current={current('/account')}>
              {user.name.split(' ')[0] || 'Account'}
            </Link>
          ) : (
            <Link href="/signin" aria-current={current('/signin')}>
              Sign in
            </Link>
          )}
          <Link href="/cart" aria-current={current('/cart')} aria-label={`Cart, ${count} items`}>
            Cart<span className="cart-count">{count}</span>
          </Link>
        </>
      }
      below={
        <nav className="category-bar" aria-label="Categories">
          <Link className="chip" href="/" aria-current={current('/')}>
            All
          </Link>
          {categories.data?.items.map((c) => (
            <Link key={c.slug} className="chip" href={`/c/${c.slug}`} aria-current={current(`/c/${c.slug}`)}>
              {c.name}
            </Link>
          ))}
        </nav>
      }
      footer="Emporium is a demo shop: payments use test cards and nothing is charged or shipped."
    >
      <ErrorBoundary key={path}>
        <Route path={path} />
      </ErrorBoundary>
    </AppShell>
  );
}

function Route({ path }: { path: string }) {
  const { query } = useLocation();
  if (path === '/') return <CatalogPage />;
  if (path === '/search') return <CatalogPage q={query.get('q') ?? ''} />;
  if (path === '/cart') return <CartPage />;
  if (path === '/checkout') return <CheckoutPage />;
  if (path === '/signin') return <SignInPage next={query.get('next') ?? '/account'} />;
  if (path === '/signup') return <SignUpPage next={query.get('next') ?? '/account'} />;
  if (path.startsWith('/account')) return <AccountPage path={path} />;
  const category = matchPath('/c/:slug', path);
  if (category?.slug) return <CatalogPage category={category.slug} />;
  const product = matchPath('/p/:id', path);
  if (product?.id) return <ProductPage id={product.id} />;
  const order = matchPath('/orders/:id', path);
  if (order?.id) return <OrderPage id={order.id} />;
  return <NotFoundPage />;
}
