// A sink started in-process on a throwaway data folder for one test file, with helpers named after
// what a test does with it: send mail through nodemailer, call the provider endpoints, read back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { MessageJson } from '../../src/api/schemas.js';
import { type RunningSink, startSink } from '../../src/sink.js';

export interface SinkHarness {
  sink: RunningSink;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestSink(options: { maxMessageBytes?: number } = {}): Promise<SinkHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-sink-test-'));
  const sink = await startSink({ dataDir, ...options });
  return {
    sink,
    dataDir,
    async close() {
      await sink.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A mail no other test in the run sends: its own recipient and subject. */
export function newMail(overrides: Partial<SendMailOptions> = {}): SendMailOptions {
  counter += 1;
  return {
    from: 'Emporium <shop@emporium.local>',
    to: `shopper${counter}.${process.pid}@example.com`,
    subject: `Order ${counter} confirmed`,
    text: `Thanks for order ${counter}.`,
    html: `<p>Thanks for order <b>${counter}</b>.</p>`,
    ...overrides,
  };
}

export function sendMail(smtpPort: number, mail: SendMailOptions) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false });
  return transport.sendMail(mail).finally(() => transport.close());
}

export async function call<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; contentType: string }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    contentType: res.headers.get('content-type') ?? '',
  };
}

export async function listMessages(baseUrl: string, query: string): Promise<MessageJson[]> {
  const res = await call<{ items: MessageJson[] }>(baseUrl, 'GET', `/v1/messages?${query}`);
  if (res.status !== 200) throw new Error(`listing answered ${res.status}`);
  return res.body.items;
}
