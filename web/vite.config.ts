// One Vite build, three single-page apps: the shop at /, the admin at /admin/, the ops console at
// /console/. The gateway serves web/dist; hashed files under /assets/ are cached for a year.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const page = (path: string) => resolve(import.meta.dirname, path);

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        shop: page('index.html'),
        admin: page('admin/index.html'),
        console: page('console/index.html'),
      },
    },
  },
  server: {
    // `npm run dev -w web` against a running shop: the API stays on the gateway.
    proxy: { '/api': process.env.EMPORIUM_GATEWAY_URL ?? 'http://127.0.0.1:8080' },
  },
});
