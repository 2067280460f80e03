// The frame every app shares: a skip link, a sticky top bar (brand, an optional middle such as the
// search box, the app's navigation, an optional second row), the page, and an optional footer.
import type { ReactNode } from 'react';
import { Link } from './router';

export interface AppShellProps {
  brand: { href: string; name: string; mark: string; dark?: boolean };
  navLabel: string;
  nav: ReactNode;
  middle?: ReactNode;
  below?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}

export function AppShell({ brand, navLabel, nav, middle, below, footer, children }: AppShellProps) {
  return (
    <div className="shell">
      <header className="topbar">
        <a className="visually-hidden" href="#main">
          Skip to content
        </a>
        <div className="topbar-inner">
          <Link className="brand" href={brand.href}>
            <span
              className="brand-mark"
              aria-hidden="true"
              style={brand.dark ? { background: 'var(--ink)' } : undefined}
            >
              {brand.mark}
            </span>
            {brand.name}
          </Link>
          {middle}
          <nav className="topnav" aria-label={navLabel}>
            {nav}
          </nav>
        </div>
        {below}
      </header>
      <main className="content" id="main">
        {children}
      </main>
      {footer ? <footer className="footer">{footer}</footer> : null}
    </div>
  );
}
