// The sink's SMTP side: accepts any mail (no auth, no TLS: it only listens for local development),
// parses it with mailparser and stores it, answering 250 only once it is committed. A Message-ID
// already stored is accepted again but not stored twice, so a sender's resend after a crash shows once.
import type { AddressInfo } from 'node:net';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { MessageStore, NewMessage } from '../store/message-store.js';

export interface SmtpReceiverOptions {
  port: number;
  host: string;
  maxMessageBytes: number;
  store: MessageStore;
  log: { warn(o: object, m: string): void; info(o: object, m: string): void };
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply code with its error, as smtp-server sends `responseCode` back to the client. */
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

export async function startSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const { store, log } = options;
  const receive = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> => {
    const mail = await simpleParser(stream);
    if (stream.sizeExceeded) throw smtpError(552, `Message exceeds the ${options.maxMessageBytes} byte limit`);
    const message = toNewMessage(mail, session);
    const { created } = await store.save(message, message.message_id && `email:${message.message_id}`);
    log.info({ message_id: message.message_id, to: message.to, duplicate: !created }, 'mail received');
  };

  const server = new SMTPServer({
    name: 'notification-sink.local',
    banner: 'Emporium notification sink (development only)',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    disableReverseLookup: true,
    size: options.maxMessageBytes,
    closeTimeout: 1000,
    logger: false,
    onData(stream, session, callback) {
      receive(stream, session).then(
        () => callback(),
        (error: Error & { responseCode?: number }) => {
          if (!error.responseCode) log.warn({ err: error }, 'could not store a mail; the sender will retry');
          callback(error.responseCode ? error : smtpError(451, 'Temporary failure storing the message'));
        },
      );
    },
  });
  server.on('error', (error) => log.warn({ err: error }, 'SMTP connection error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((o) => o.value.map((a) => a.address ?? '')).filter((a) => a !== '');
}

function toNewMessage(mail: ParsedMail, session: SMTPServerSession): NewMessage {
  // The envelope says who the mail is delivered to (Bcc included); the header is the fallback.
  const envelope = session.envelope.rcptTo.map((r) => r.address);
  return {
    channel: 'email',
    to: envelope.length > 0 ? envelope : addressesOf(mail.to),
    ...(mail.from?.text ? { from: mail.from.text } : {}),
    ...(mail.subject !== undefined ? { subject: mail.subject } : {}),
    text: mail.text ?? '',
    ...(mail.html ? { html: mail.html } : {}),
    ...(mail.messageId ? { message_id: mail.messageId } : {}),
  };
}
