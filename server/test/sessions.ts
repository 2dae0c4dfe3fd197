import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../common/roles';
import type { App } from '../app';
import type { Database } from '../db/client';
import { createSession, SESSION_COOKIE } from '../modules/identity/sessions';
import { roleAssignments, users } from '../modules/identity/tables';
import { newTotpSecret } from '../modules/identity/totp';

export type Injector = (options: InjectOptions) => Promise<LightMyRequestResponse>;

/**
 * A user holding `role` over `orgUnitId`, with a live session, and an `inject` that sends its
 * cookie and CSRF token. Skips the password (sign-in itself is tested in identity.test.ts).
 * An admin has two-step verification on, as every administrator must (else only enrolment is open).
 */
export async function signInAs(app: App, db: Database, role: Role, orgUnitId: string) {
  const [user] = await db
    .insert(users)
    .values({
      username: `u${randomBytes(5).toString('hex')}`,
      displayName: `Người dùng ${role}`,
      passwordHash: 'x',
      ...(role === 'admin' ? { totpSecret: newTotpSecret(), totpEnabledAt: new Date() } : {}),
    })
    .returning();
  await db.insert(roleAssignments).values({ userId: user!.id, role, orgUnitId });
  const session = await createSession({
    db,
    userId: user!.id,
    settings: app.sessionSettings,
    ip: '127.0.0.1',
    userAgent: 'test',
  });
  const inject: Injector = (options) =>
    app.inject({
      ...options,
      headers: {
        cookie: `${SESSION_COOKIE}=${session.token}`,
        'x-csrf-token': session.csrfToken,
        ...(options.headers ?? {}),
      },
    });
  return { user: user!, inject, token: session.token, csrfToken: session.csrfToken };
}
