import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { REPORT_ACTIONS, REPORT_STATUSES, TASK_ROLES } from '../../../common/enums';
import { inList } from '../../db/sql';
import { users } from '../identity/tables';
import { indicators } from '../indicators/tables';
import { orgUnits } from '../org-units/tables';
import { planItems } from '../plan-items/tables';
import { rounds } from '../rounds/tables';

/** The general section of a report. */
export interface ReportGeneral {
  summary: string | null;
  obstacles: string | null;
  proposals: string | null;
}

/** One unit's report in a round: its obligation and its content, versioned. */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
    general: jsonb('general')
      .$type<ReportGeneral>()
      .notNull()
      .default({ summary: null, obstacles: null, proposals: null }),
    /** the stage that last returned it: 'head' or 'secretariat' (where a resubmission goes) */
    returnedStage: text('returned_stage'),
    returnReason: text('return_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** the first submission: timeliness is judged by it */
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('reports_round_unit').on(t.roundId, t.orgUnitId),
    index('reports_unit_idx').on(t.orgUnitId, t.status),
    check('reports_status_check', sql`${t.status} in ${inList(REPORT_STATUSES)}`),
  ],
);

/** What a report says of one task the unit leads or co-operates on. */
export const reportItems = pgTable(
  'report_items',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    planItemId: uuid('plan_item_id')
      .notNull()
      .references(() => planItems.id),
    role: text('role', { enum: TASK_ROLES }).notNull(),
    /** progress the unit declares, 0..100 */
    progress: integer('progress'),
    results: text('results'),
    obstacles: text('obstacles'),
    proposals: text('proposals'),
    links: jsonb('links').$type<string[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.planItemId] }),
    index('report_items_item_idx').on(t.planItemId),
    check('report_items_role_check', sql`${t.role} in ${inList(TASK_ROLES)}`),
    check('report_items_progress_check', sql`${t.progress} is null or ${t.progress} between 0 and 100`),
  ],
);

/** The indicators a report must cover; their values live in data_values for the round's period. */
export const reportIndicators = pgTable(
  'report_indicators',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.indicatorId] })],
);

/** The report as it was at each submission and return: what a resubmission is compared with. */
export const reportSnapshots = pgTable(
  'report_snapshots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    version: integer('version').notNull(),
    action: text('action', { enum: REPORT_ACTIONS }).notNull(),
    fromStatus: text('from_status', { enum: REPORT_STATUSES }).notNull(),
    toStatus: text('to_status', { enum: REPORT_STATUSES }).notNull(),
    reason: text('reason'),
    content: jsonb('content').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_snapshots_report_idx').on(t.reportId, t.id)],
);

/** A reviewer's comment pinned to a field, e.g. "items.<planItemId>.results" or "general.summary". */
export const reportComments = pgTable(
  'report_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    field: text('field').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_comments_report_idx').on(t.reportId)],
);

/** Files are stored once, by content (SHA-256); a report links them under a name. */
export const evidenceFiles = pgTable('evidence_files', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  /** from the content (magic bytes), never from the name */
  contentType: text('content_type').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const reportEvidence = pgTable(
  'report_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    /** null: evidence of the report as a whole */
    planItemId: uuid('plan_item_id').references(() => planItems.id),
    sha256: text('sha256')
      .notNull()
      .references(() => evidenceFiles.sha256),
    fileName: text('file_name').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_evidence_report_idx').on(t.reportId)],
);

/**
 * Answers already given to a request with an Idempotency-Key: the same key from the same user
 * gets the same answer, and the change is not made twice.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    /** method and path: a key reused for another request is refused */
    request: text('request').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
