// The admin at /admin/: products, stock, orders (with the saga timeline) and refunds.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/styles.css';
import { SessionProvider } from '../session/session';
import { AdminApp } from './AdminApp';

const root = document.getElementById('root');
if (!root) throw new Error('admin/index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <SessionProvider storageKey="emporium.admin.session">
      <AdminApp />
    </SessionProvider>
  </StrictMode>,
);
