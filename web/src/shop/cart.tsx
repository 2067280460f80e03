// The cart: product ids and quantities only, kept in localStorage so it survives a reload. Prices,
// names and stock are always read fresh from the API when the cart is shown.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { NewOrder } from '../api/types';

/** A cart line is exactly an order line: what POST /orders takes. */
export type CartLine = NewOrder['items'][number];

interface Cart {
  lines: CartLine[];
  count: number;
  add(productId: string, quantity: number): void;
  setQuantity(productId: string, quantity: number): void;
  remove(productId: string): void;
  clear(): void;
}

const KEY = 'emporium.cart';
const MAX_QUANTITY = 99;
const CartContext = createContext<Cart | undefined>(undefined);

function readLines(): CartLine[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (l): l is CartLine => typeof l?.product_id === 'string' && Number.isInteger(l?.quantity) && l.quantity > 0,
    );
  } catch {
    return [];
  }
}

export function CartProvider({ children }: { children: ReactNode }) {
  const [lines, setLines] = useState<CartLine[]>(readLines);

  useEffect(() => {
    const follow = (event: StorageEvent) => {
      if (event.key === KEY) setLines(readLines());
    };
    window.addEventListener('storage', follow);
    return () => window.removeEventListener('storage', follow);
  }, []);

  const update = useCallback((change: (lines: CartLine[]) => CartLine[]) => {
    setLines((current) => {
      const next = change(current).filter((l) => l.quantity > 0);
      localStorage.setItem(KEY, JSON.stringify(next));
      return next;
    });
  }, []);

  const value = useMemo<Cart>(
    () => ({
      lines,
      count: lines.reduce((sum, l) => sum + l.quantity, 0),
      add: (productId, quantity) =>
        update((ls) =>
          ls.some((l) => l.product_id === productId)
            ? ls.map((l) =>
                l.product_id === productId ? { ...l, quantity: Math.min(MAX_QUANTITY, l.quantity + quantity) } : l,
              )
            : [...ls, { product_id: productId, quantity: Math.min(MAX_QUANTITY, quantity) }],
        ),
      setQuantity: (productId, quantity) =>
        update((ls) =>
          ls.map((l) => (l.product_id === productId ? { ...l, quantity: Math.min(MAX_QUANTITY, quantity) } : l)),
        ),
      remove: (productId) => update((ls) => ls.filter((l) => l.product_id !== productId)),
      clear: () => update(() => []),
    }),
    [lines, update],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): Cart {
  const cart = useContext(CartContext);
  if (!cart) throw new Error('useCart needs a <CartProvider> above it');
  return cart;
}
