import nodemailer from 'nodemailer';
import { loadMailConfig, type MailConfig } from '../config';

/** One message to one recipient; text is required (some mail clients show nothing else). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export type MailResult =
  | { status: 'sent'; messageId: string }
  /** SMTP_URL is not set: e-mail is off, nothing was sent */
  | { status: 'skipped'; reason: 'mail_not_configured' };

/**
 * Sends one message through the SMTP server of SMTP_URL, from MAIL_FROM. Throws when the server
 * cannot be reached or refuses the message: send through the `mail.send` job, whose retries
 * (with back-off) cover a mail server that is down for a while. The settings are read at each
 * call unless given.
 */
export async function sendMail(
  message: MailMessage,
  config: MailConfig = loadMailConfig(),
): Promise<MailResult> {
  if (!config.SMTP_URL) return { status: 'skipped', reason: 'mail_not_configured' };
  const transport = nodemailer.createTransport({
    url: config.SMTP_URL,
    // fail within a worker's lease instead of the defaults' minutes
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: config.MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html !== undefined && { html: message.html }),
    });
    return { status: 'sent', messageId: info.messageId };
  } finally {
    transport.close();
  }
}
