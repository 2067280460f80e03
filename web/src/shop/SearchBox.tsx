// Search as you type: ranked suggestions from the catalog's full-text search after a short pause,
// arrow keys to pick one, Enter for the full results page.
import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';
import { unwrap } from '../api/problem';
import type { Product } from '../api/types';
import { useSession } from '../session/session';
import { formatMoney } from '../ui/format';
import { navigate, useLocation } from '../ui/router';

const PAUSE_MS = 150;

export function SearchBox() {
  const { api } = useSession();
  const { path, query } = useLocation();
  const [text, setText] = useState(path === '/search' ? (query.get('q') ?? '') : '');
  const [results, setResults] = useState<Product[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setResults([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      unwrap(api.products.GET('/v1/products', { params: { query: { q, limit: 6 } }, signal: abort.signal })).then(
        (page) => {
          setResults(page.items);
          setActive(-1);
        },
        () => setResults([]),
      );
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, text]);

  const go = (to: string) => {
    setOpen(false);
    navigate(to);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = results[active];
    if (chosen) go(`/p/${chosen.id}`);
    else if (text.trim()) go(`/search?q=${encodeURIComponent(text.trim())}`);
  };
  const keys = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(results.length - 1, i + 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(-1, i - 1));
    else if (event.key === 'Escape') setOpen(false);
    else return;
    setOpen(true);
    event.preventDefault();
  };

  const showList = open && text.trim() !== '' && results.length > 0;
  return (
    <search className="search">
      <form onSubmit={submit}>
        <label className="visually-hidden" htmlFor={`${listId}-input`}>
          Search products
        </label>
        <input
          id={`${listId}-input`}
          type="search"
          placeholder="Search products…"
          autoComplete="off"
          aria-controls={listId}
          aria-describedby={`${listId}-count`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={keys}
        />
        {showList ? (
          <ul className="search-results" id={listId} aria-label="Suggestions">
            {results.map((product, i) => (
              <li key={product.id} className={i === active ? 'active' : undefined}>
                <a
                  href={`/p/${product.id}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={(e) => {
                    e.preventDefault();
                    go(`/p/${product.id}`);
                  }}
                >
                  {product.image_url ? <img src={product.image_url} alt="" /> : null}
                  <span>{product.name}</span>
                  <span className="price">{formatMoney(product.price)}</span>
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        <span className="visually-hidden" id={`${listId}-count`} aria-live="polite">
          {showList ? `${results.length} suggestions, use the arrow keys to choose` : ''}
        </span>
      </form>
    </search>
  );
}
