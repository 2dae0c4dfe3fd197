import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../../common/roles';
import { inList } from '../../db/sql';
import { orgUnits } from '../org-units/tables';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** lower case, unique */
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** where reminders are e-mailed (optional) */
  email: text('email'),
  /** argon2id */
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** TOTP (RFC 6238) secret, base32; set by setup, in use once `totpEnabledAt` is set */
  totpSecret: text('totp_secret'),
  /** when the second factor was confirmed; null: not enabled (a secret may be pending) */
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** time step of the last code accepted: a code is good once, never again within its step */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A role held by a user over an org unit and everything below it. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('role_assignments_unique').on(t.userId, t.role, t.orgUnitId),
    index('role_assignments_user_idx').on(t.userId),
    check('role_assignments_role_check', sql`${t.role} in ${inList(ROLES)}`),
  ],
);

/** Sessions live in the database so any app instance can serve any request. */
export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token: a leaked table does not hand out sessions */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** absolute expiry, however active the session */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins by client address, for throttling guessing across many accounts. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ip: text('ip').notNull(),
    username: text('username').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_ip_idx').on(t.ip, t.attemptedAt)],
);

/**
 * Failed sign-ins per submitted username (trimmed, lower case), whether or not such an account
 * exists: an unknown name is slowed down, locked and answered exactly like a real one, so neither
 * the answer nor its timing tells which names are accounts. A successful sign-in removes the row;
 * a row idle for a day starts again from zero.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    username: text('username').primaryKey(),
    /** consecutive failures */
    failures: integer('failures').notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_last_failed_idx').on(t.lastFailedAt)],
);
