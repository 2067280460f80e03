// The service's background tasks, for the job runner main.ts starts (and the tests start alike).
import type { JobHandler } from '@emporium/jobs';
import type { Pool } from '@emporium/service-kit';
import type { NotificationsConfig } from '../config.js';
import { createSenders } from './channel-senders.js';
import { deliverNotification } from './deliver-notification.js';
import { DELIVER_NOTIFICATION } from './delivery-job.js';

export interface DeliveryTasks {
  tasks: Record<string, JobHandler>;
  /** Closes the senders' connections; after the runner has stopped. */
  close(): void;
}

export function createDeliveryTasks(
  pool: Pool,
  config: NotificationsConfig,
  log: { warn(o: object, m: string): void },
): DeliveryTasks {
  const senders = createSenders(config);
  const deliver = deliverNotification({ pool, senders, maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS, log });
  return { tasks: { [DELIVER_NOTIFICATION]: deliver }, close: () => senders.close() };
}
