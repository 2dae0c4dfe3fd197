import { z } from 'zod';
import { defineJob } from '../modules/jobs/definitions';
import { sendMail } from './mailer';

export const ZMailPayload = z.object({
  to: z.email().max(254),
  subject: z.string().min(1).max(300),
  text: z.string().min(1).max(100_000),
  html: z.string().max(500_000).optional(),
});

/**
 * Sends one e-mail. Queue it with `enqueueJob(tx, mailSendJob, { to, subject, text })` in the
 * transaction of the change it reports, so it goes out only if that change commits and is retried
 * with back-off while the mail server is unreachable. Completes without sending while e-mail is off.
 * A message is sent at least once: a worker that dies between the server's acceptance and marking
 * the job done leaves it to be sent again after the lease.
 */
export const mailSendJob = defineJob({
  kind: 'mail.send',
  payload: ZMailPayload,
  // 30 s, 1, 2, 4 … 32 min, 1 h, 1 h: a mail server may be down for about three hours
  maxAttempts: 10,
  async handler(_ctx, payload) {
    await sendMail(payload);
  },
});
