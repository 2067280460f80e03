// A small history router for the single-page apps: the current path, navigation, and links that
// change the page without reloading it. The gateway answers every app path with the app's index.html.
import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

const CHANGE = 'emporium:navigate';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
  window.scrollTo({ top: 0 });
}

/** The path and query of the page, updated on every navigation (links, back and forward). */
const read = () => ({ path: location.pathname, query: new URLSearchParams(location.search) });

export function useLocation(): { path: string; query: URLSearchParams } {
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    const update = () => setCurrent(read());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return current;
}

/** Matches `/p/:id`-style patterns; returns the named parts, or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/\/:([a-z_]+)/g, (_, name: string) => {
      names.push(name);
      return '/([^/]+)';
    })}/?$`,
  );
  const match = regex.exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}
