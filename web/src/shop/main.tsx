// The storefront at /: built only on the public API through the gateway.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/styles.css';
import { SessionProvider } from '../session/session';
import { App } from './App';
import { CartProvider } from './cart';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <SessionProvider storageKey="emporium.shop.session">
      <CartProvider>
        <App />
      </CartProvider>
    </SessionProvider>
  </StrictMode>,
);
