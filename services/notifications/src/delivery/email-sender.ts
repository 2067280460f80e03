// Email over SMTP with nodemailer. A 5xx reply is final (the server refuses this mail); anything
// else (refused connection, timeout, 4xx) is worth another try. Connections are pooled: a mail goes
// over an open SMTP session instead of a new connection, greeting and EHLO each time.
import nodemailer from 'nodemailer';
import { type OutgoingEmail, PermanentDeliveryError } from './senders.js';

export interface EmailSenderOptions {
  host: string;
  port: number;
  from: string;
  timeoutMs: number;
  /** SMTP sessions kept open at once (default 4). */
  maxConnections?: number;
}

export interface EmailSender {
  send(message: OutgoingEmail): Promise<void>;
  close(): void;
}

export function createEmailSender(options: EmailSenderOptions): EmailSender {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? 4,
    // A session is replaced after this many mails, so a server's per-session limits are never hit.
    maxMessages: 200,
    host: options.host,
    port: options.port,
    secure: false,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) {
          throw new PermanentDeliveryError(`the mail server refused the message: ${(error as Error).message}`);
        }
        throw error;
      }
    },
    close: () => transport.close(),
  };
}
