// The ops console at /console: topology, RED charts, traces, logs, sagas, dead letters and SLOs from the
// local collector, for admins. It shares the admin app's sign-in.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/styles.css';
import './console.css';
import { SessionProvider } from '../session/session';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('console/index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <SessionProvider storageKey="emporium.admin.session">
      <App />
    </SessionProvider>
  </StrictMode>,
);
