// Browser tests' fixture: a whole shop started by `emporium up` (real processes, the gateway serving
// web/dist) and a headless Chromium driven by playwright-core. Shared by the shop, admin and
// console tests; keep this API stable.
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRuntime, type Runtime, type RuntimeOptions } from '@emporium/testing';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots and other evidence of a run (gitignored). */
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../../test-artifacts');

export interface ShopAndBrowser {
  runtime: Runtime;
  /** e.g. http://127.0.0.1:43121 — the shop is at /, the admin at /admin/, the console at /console/. */
  gatewayUrl: string;
  /** The runtime's first admin (configured by createRuntime). */
  admin: { email: string; password: string };
  browser: Browser;
  /** The first page's context; `newPage()` gives a fresh visitor (own storage). */
  context: BrowserContext;
  page: Page;
  newPage(): Promise<Page>;
  /** Saves a full-page screenshot as test-artifacts/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Stops the runtime and removes its folder. On a loaded machine PostgreSQL's last writes can race the
 * removal (ENOTEMPTY); the folder is then removed again with retries rather than failing the suite.
 */
async function cleanUp(runtime: Runtime): Promise<void> {
  try {
    await runtime.cleanUp();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTEMPTY') throw error;
    await rm(runtime.dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export async function startShopAndBrowser(options: Partial<RuntimeOptions> = {}): Promise<ShopAndBrowser> {
  const runtime = await createRuntime({ infra: 'embedded', ...options });
  let browser: Browser | undefined;
  try {
    await runtime.start();
    browser = await launchChromium();
    const gatewayUrl = runtime.gateway;
    const contexts: BrowserContext[] = [];
    const newContext = async () => {
      const context = await (browser as Browser).newContext({
        baseURL: gatewayUrl,
        viewport: { width: 1280, height: 900 },
      });
      contexts.push(context);
      return context;
    };
    const context = await newContext();
    const page = await context.newPage();
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    const opened = browser;
    return {
      runtime,
      gatewayUrl,
      admin: { email: runtime.env.EMPORIUM_ADMIN_EMAIL ?? '', password: runtime.env.EMPORIUM_ADMIN_PASSWORD ?? '' },
      browser: opened,
      context,
      page,
      newPage: async () => (await newContext()).newPage(),
      async screenshot(target, name) {
        const path = join(ARTIFACTS_DIR, `${name}.png`);
        await target.screenshot({ path, fullPage: true });
        return path;
      },
      async close() {
        await Promise.allSettled(contexts.map((c) => c.close()));
        await opened.close();
        await cleanUp(runtime);
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await cleanUp(runtime);
    throw error;
  }
}
