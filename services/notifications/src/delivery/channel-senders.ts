// The senders of every channel, built once from the configuration: SMTP for email, the providers'
// HTTP APIs for SMS and push.
import type { NotificationsConfig } from '../config.js';
import { createEmailSender } from './email-sender.js';
import { dialable, postToProvider } from './provider-client.js';
import type { Senders } from './senders.js';

export function createSenders(config: NotificationsConfig): Senders {
  const timeoutMs = config.PROVIDER_TIMEOUT_MS;
  const email = createEmailSender({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    from: config.MAIL_FROM,
    timeoutMs,
  });
  return {
    email: (message) => email.send(message),
    sms: (message) =>
      postToProvider(
        config.SMS_PROVIDER_URL,
        { to: dialable(message.to), body: message.body },
        message.idempotencyKey,
        timeoutMs,
      ),
    push: (message) =>
      postToProvider(
        config.PUSH_PROVIDER_URL,
        { user_id: message.userId, title: message.title, body: message.body },
        message.idempotencyKey,
        timeoutMs,
      ),
    close: () => email.close(),
  };
}
