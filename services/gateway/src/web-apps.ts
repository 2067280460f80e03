// Serves the built web apps (web/dist) beside the API: the shop at /, the admin at /admin/, the
// console at /console/, each answering its own paths with its index.html (history routing).
// Hashed files under /assets/ never change, so browsers keep them for a year; the index pages are
// revalidated on every load so a new build is picked up at once. /api/* stays the proxy's.
import { existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { notFound, type ServiceApp } from '@emporium/service-kit';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';

const ASSETS = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The single-page apps besides the shop, by path prefix. */
const APPS = ['admin', 'console'];

/** True when `root` holds a build (its index.html); the gateway then serves it. */
export function hasWebBuild(root: string): boolean {
  return root !== '' && existsSync(join(root, 'index.html'));
}

export async function registerWebApps(app: ServiceApp, root: string): Promise<void> {
  // Only reply.sendFile: the routes below decide what is served, so nothing under /api is shadowed.
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false, etag: true, lastModified: true });

  const page = (reply: FastifyReply, file: string) =>
    reply.header('cache-control', 'no-cache').header('content-type', 'text/html; charset=utf-8').sendFile(file);

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = decodedPath(request.url);
    // Anything under /api that no proxy route took (e.g. /api/ alone) is the API's 404, never a page.
    if (path === '/api' || path.startsWith('/api/')) throw notFound(`No route for ${request.method} ${path}`);
    if (path.startsWith(ASSETS)) return asset(reply, path);
    const appName = APPS.find((name) => path === `/${name}` || path.startsWith(`/${name}/`));
    if (appName) return page(reply, `${appName}/index.html`);
    // Files at the top of the build (favicon, robots.txt) as they are; any other path is a shop page.
    const topLevel = /^\/[\w.-]+\.[a-z0-9]+$/i.test(path) && path !== '/index.html';
    if (topLevel && existsSync(join(root, path)))
      return reply.header('cache-control', 'public, max-age=3600').sendFile(path.slice(1));
    return page(reply, 'index.html');
  });

  function asset(reply: FastifyReply, path: string) {
    const file = normalize(path).slice(1);
    if (!file.startsWith('assets/') || !existsSync(join(root, file))) throw notFound(`No file ${path}`);
    return reply.header('cache-control', IMMUTABLE).sendFile(file);
  }
}

function decodedPath(url: string): string {
  const raw = url.split('?', 1)[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a malformed escape names no file: the shop's not-found page answers it
  }
}
