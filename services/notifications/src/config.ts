// The notification service's settings, read once at start: the kit's, and where mail, SMS and push go.
import { fileURLToPath } from 'node:url';
import { MessagingConfig } from '@emporium/messaging';
import { AuthConfig, DatabaseConfig, ServiceConfig, type Static, Type } from '@emporium/service-kit';

const HttpUrl = Type.String({ pattern: '^https?://' });

export const NotificationsConfig = Type.Object({
  ...ServiceConfig.properties,
  ...DatabaseConfig.properties,
  ...MessagingConfig.properties,
  ...AuthConfig.properties,
  /** The mail server (locally, the notification sink). */
  SMTP_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  SMTP_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 2525 }),
  SMS_PROVIDER_URL: Type.String({ ...HttpUrl, default: 'http://127.0.0.1:4250/v1/sms' }),
  PUSH_PROVIDER_URL: Type.String({ ...HttpUrl, default: 'http://127.0.0.1:4250/v1/push' }),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Emporium <shop@emporium.local>' }),
  /**
   * Sends tried before a notification is given up as failed. Retries back off exponentially (about
   * e^n seconds after the n-th), so the default 10 rides out an outage of about three and a half hours.
   */
  NOTIFICATION_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 25, default: 10 }),
  /** Deliveries in flight at once in one instance. */
  NOTIFICATION_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
  /** How long one send may take before it counts as failed (and is retried). */
  PROVIDER_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
});
export type NotificationsConfig = Static<typeof NotificationsConfig>;

/** The migrations folder, resolved from the compiled file (dist/src/config.js → ../../migrations). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
