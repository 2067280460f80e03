// Email over SMTP with nodemailer. A 5xx reply is final (the server refuses this mail); anything
// else (refused connection, timeout, 4xx) is worth another try.
import nodemailer from 'nodemailer';
import { type OutgoingEmail, PermanentDeliveryError } from './senders.js';

export interface EmailSenderOptions {
  host: string;
  port: number;
  from: string;
  timeoutMs: number;
}

export interface EmailSender {
  send(message: OutgoingEmail): Promise<void>;
  close(): void;
}

export function createEmailSender(options: EmailSenderOptions): EmailSender {
  const transport = nodemailer.createTransport({
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
