// Payments under component test: the app on a fresh database, the payment provider simulator running
// in-process on a free port, and the job runner working on the test database, as in production. Tests
// hand the saga's commands to the handlers through the inbox (as the consumer does) and read the outbox.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEnvelope,
  type DataOf,
  type MessageDefinition,
  type ProcessPayment,
  type RefundPayment,
} from '@emporium/contracts';
import { migrateJobs, startJobRunner } from '@emporium/jobs';
import { claimMessage } from '@emporium/messaging';
import { buildProviderApp } from '@emporium/payment-provider';
import { parseConfig, type ServiceApp, withTransaction } from '@emporium/service-kit';
import { type ComponentApp, startComponentApp } from '@emporium/service-testing';
import { buildApp } from '../../src/app.js';
import { MIGRATIONS_DIR, PaymentsConfig } from '../../src/config.js';
import { paymentTasks } from '../../src/jobs/tasks.js';
import { HANDLERS } from '../../src/messages/subscriptions.js';
import { createProviderClient, type PaymentProvider } from '../../src/provider/provider-client.js';
import { eventually } from './eventually.js';
import { type ProviderControl, providerControl } from './provider-control.js';

export interface TestPayments extends ComponentApp {
  provider: ProviderControl;
  /** The next answer the provider gives under this idempotency key is lost, as if the job crashed after the call. */
  loseNextAnswer(idempotencyKey: string): void;
  /** What handlers logged as warnings. */
  warnings: string[];
  /** Hands a command to its handler through the inbox, as the consumer does; returns the message id. */
  deliver<D extends MessageDefinition>(definition: D, data: DataOf<D>, id?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestPaymentsOptions {
  chargeAttempts?: number;
  providerTimeoutMs?: number;
  /** The simulator's pm_card_slow delay. */
  slowMs?: number;
  /** How long after a charge failed provider_unavailable the provider is reconciled (default: 10 minutes, out of the way). */
  reconcileAfterMs?: number;
}

const quiet = { info() {}, warn() {}, error() {} };

export async function startTestPayments(label: string, options: TestPaymentsOptions = {}): Promise<TestPayments> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-payments-provider-'));
  const providerApp: ServiceApp = await buildProviderApp({
    dataDir,
    logLevel: 'silent',
    settings: { latency_ms: 0, slow_ms: options.slowMs ?? 300 },
  });
  const providerUrl = await providerApp.listen({ port: 0, host: '127.0.0.1' });
  const component = await startComponentApp({
    label,
    migrationsDir: MIGRATIONS_DIR,
    poolSize: 12,
    build: async ({ pool, verifier, databaseUrl }) => {
      await migrateJobs(pool);
      const config = parseConfig(PaymentsConfig, {
        DATABASE_URL: databaseUrl,
        JWKS_URL: 'http://127.0.0.1:9/unused-in-tests',
        LOG_LEVEL: 'silent',
        BUS_URL: 'nats://127.0.0.1:1', // messaging is not started in component tests
        PAYMENT_PROVIDER_URL: providerUrl,
      });
      return buildApp({ config, pool, verifier });
    },
  });
  const lost = new Set<string>();
  const client = createProviderClient({ baseUrl: providerUrl, timeoutMs: options.providerTimeoutMs ?? 5000 });
  const provider: PaymentProvider = {
    async charge(request, key) {
      const answer = await client.charge(request, key);
      if (lost.delete(key)) throw new Error('simulated crash after the provider answered');
      return answer;
    },
    async refund(request, key) {
      const answer = await client.refund(request, key);
      if (lost.delete(key)) throw new Error('simulated crash after the provider answered');
      return answer;
    },
    chargesFor: (reference) => client.chargesFor(reference),
  };
  const jobs = await startJobRunner({
    pool: component.pool,
    log: quiet,
    pollIntervalMs: 100,
    concurrency: 4,
    tasks: paymentTasks({
      pool: component.pool,
      provider,
      log: quiet,
      settings: {
        chargeAttempts: options.chargeAttempts ?? 3,
        refundAttempts: 3,
        reconcileAfterMs: options.reconcileAfterMs ?? 600_000,
      },
    }),
  });
  const warnings: string[] = [];
  const handlerContext = { log: { warn: (_fields: object, message: string) => void warnings.push(message) } };
  return {
    ...component,
    warnings,
    provider: providerControl(providerApp),
    loseNextAnswer: (key) => void lost.add(key),
    async deliver(definition, data, id = randomUUID()) {
      const handler = HANDLERS.find((h) => h.message.type === definition.type);
      if (!handler) throw new Error(`payments has no handler for ${definition.type}`);
      const source = '/emporium/orders';
      const command = createEnvelope(definition, data, { source, subject: String(data.order_id) }, id);
      await withTransaction(component.pool, async (tx) => {
        if (await claimMessage(tx, 'payments-from-orders', command.id, command.type)) {
          await handler.handle(tx, command, handlerContext);
        }
      });
      return command.id;
    },
    async close() {
      await jobs.stop();
      await component.close();
      await providerApp.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type ProcessData = DataOf<typeof ProcessPayment>;

/** A ProcessPayment for a new order of $25.00 by a card that succeeds. */
export const processCommand = (overrides: Partial<ProcessData> = {}): ProcessData => ({
  order_id: randomUUID(),
  customer_id: randomUUID(),
  amount: { amount: 2500, currency: 'USD' },
  payment_method: 'pm_card_visa',
  ...overrides,
});

/** The saga's compensation: a full refund unless an amount is given. */
export const refundCommand = (orderId: string, amount?: number): DataOf<typeof RefundPayment> => ({
  order_id: orderId,
  reason: 'timeout',
  ...(amount === undefined ? {} : { amount: { amount, currency: 'USD' } }),
});

export { eventually };
