import type { FastifyRequest } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { toString as qrCode } from 'qrcode';
import { type Actor, mustUseSecondFactor } from '../../policy';

/** Authenticator apps list the account as "Lộ Trình:<username>". */
export const TOTP_ISSUER = 'Lộ Trình';
/** Steps of 30 s accepted either side of now, for phones whose clock is a little off. */
const WINDOW = 1;

/** A fresh 160-bit secret (RFC 4226's recommended size), base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** SHA-1, 6 digits, 30 s: the defaults every authenticator app understands. */
function totpOf(secret: string, username = ''): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label: username, secret: Secret.fromBase32(secret) });
}

/** `otpauth://totp/Lộ%20Trình:<username>?issuer=…&secret=…` (percent-encoded), for the QR code. */
export function otpauthUri(secret: string, username: string): string {
  return totpOf(secret, username).toString();
}

/** The URI as a QR code, an SVG in a data: URL (the CSP allows `img-src data:`). */
export async function qrDataUrl(uri: string): Promise<string> {
  const svg = await qrCode(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * The time step a code belongs to when it is right for the secret (now, or one step either side),
 * else null. The caller refuses a step at or before the last one accepted: each code works once.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const totp = totpOf(secret);
  const delta = totp.validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

/** An administrator must have the second factor on before doing anything else. */
export function mustEnrollTotp(user: { totpEnabled: boolean }, actor: Actor): boolean {
  return !user.totpEnabled && mustUseSecondFactor(actor);
}

/** What a session that must set up two-step verification, or change a temporary password, may still call. */
const ALLOWED_BEFORE_ENROLMENT = new Set([
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'POST /api/auth/logout-all',
  'POST /api/auth/password',
  'POST /api/auth/totp/setup',
  'POST /api/auth/totp/confirm',
]);

export function allowedBeforeEnrolment(request: FastifyRequest): boolean {
  return ALLOWED_BEFORE_ENROLMENT.has(`${request.method} ${request.routeOptions.url}`);
}
