/**
 * The report workflow in one table: for each state and each step, the permission the step takes
 * (a policy action on the report's unit) and the state it leads to, or NOT_ALLOWED. The route
 * authorizes the permission before anything else, the service applies the step under the row lock,
 * and the report page lists the steps the actor may take, all from this table. A state or step
 * added to common/enums.ts fails to compile until every cell of its row or column is filled in.
 */
import type { ReportAction, ReportStatus } from '../../../common/enums';
import { AppError, type Localized } from '../../errors/app-error';
import { type Action, type Actor, authorize, can, type ResourceRef } from '../../policy';

/** The stage that returned a report: where its resubmission goes. */
export type ReturningStage = 'head' | 'secretariat';

export interface ReportStep {
  /** the policy action the actor needs on the report's unit */
  permission: Extract<Action, 'submit' | 'approve' | 'accept' | 'reopen'>;
  /** where the step leads; a resubmission: by the stage it goes to (resubmissionStage) */
  to: ReportStatus | Record<ReturningStage, ReportStatus>;
  /** a return or reopen: who sends it back (where the resubmission will go) */
  sentBackBy?: ReturningStage;
  /**
   * refused once the round is closed (with this reason, see service.ts): a closed round takes
   * nothing more, and nothing goes back to a unit that could not send it again
   */
  needsOpenRound?: 'submit' | 'sendBack';
}

export const NOT_ALLOWED = 'not_allowed';

const SUBMIT = { permission: 'submit', to: 'submitted', needsOpenRound: 'submit' } as const;

export const REPORT_WORKFLOW = {
  draft: {
    submit: SUBMIT,
    approve: NOT_ALLOWED,
    accept: NOT_ALLOWED,
    return: NOT_ALLOWED,
    reopen: NOT_ALLOWED,
  },
  submitted: {
    submit: NOT_ALLOWED,
    approve: { permission: 'approve', to: 'approved' },
    accept: NOT_ALLOWED,
    // returning at the head's stage takes the right to approve
    return: { permission: 'approve', to: 'returned', sentBackBy: 'head', needsOpenRound: 'sendBack' },
    reopen: NOT_ALLOWED,
  },
  approved: {
    submit: NOT_ALLOWED,
    approve: NOT_ALLOWED,
    accept: { permission: 'accept', to: 'accepted' },
    // …and at the secretariat's stage, the right to accept
    return: { permission: 'accept', to: 'returned', sentBackBy: 'secretariat', needsOpenRound: 'sendBack' },
    reopen: NOT_ALLOWED,
  },
  accepted: {
    submit: NOT_ALLOWED,
    approve: NOT_ALLOWED,
    accept: NOT_ALLOWED,
    return: NOT_ALLOWED,
    reopen: { permission: 'reopen', to: 'returned', sentBackBy: 'secretariat', needsOpenRound: 'sendBack' },
  },
  returned: {
    // the head signs the corrected report again, unless the plan lets a secretariat return skip it
    submit: { ...SUBMIT, to: { head: 'submitted', secretariat: 'approved' } },
    approve: NOT_ALLOWED,
    accept: NOT_ALLOWED,
    return: NOT_ALLOWED,
    reopen: NOT_ALLOWED,
  },
} as const satisfies Record<ReportStatus, Record<ReportAction, ReportStep | typeof NOT_ALLOWED>>;

/** A step resolved for one report: the state it leads to is known. */
export interface ResolvedStep extends Omit<ReportStep, 'to'> {
  to: ReportStatus;
}

export interface WorkflowState {
  status: ReportStatus;
  /** who last returned the report (null if never returned) */
  returnedStage: ReturningStage | null;
  /** the plan's setting: a report the secretariat returned goes back to it without the head */
  resubmitSkipsHead: boolean;
}

/**
 * Where a corrected report goes: to the head of unit, who signs it again (as a corrected official
 * report is signed in Vietnamese practice), unless the secretariat returned it and the plan's
 * resubmit_skips_head setting lets it come straight back.
 */
export function resubmissionStage(report: WorkflowState): ReturningStage {
  return report.returnedStage === 'secretariat' && report.resubmitSkipsHead ? 'secretariat' : 'head';
}

/** The step an action takes from the report's state, or null when the state does not allow it. */
export function stepOf(report: WorkflowState, action: ReportAction): ResolvedStep | null {
  const step: ReportStep | typeof NOT_ALLOWED = REPORT_WORKFLOW[report.status][action];
  if (step === NOT_ALLOWED) return null;
  const to = typeof step.to === 'string' ? step.to : step.to[resubmissionStage(report)];
  return { ...step, to };
}

/** Every permission an action takes from some state (returning: approve or accept). */
export function permissionsOf(action: ReportAction): ReportStep['permission'][] {
  const all = Object.values(REPORT_WORKFLOW).flatMap((row) => {
    const step: ReportStep | typeof NOT_ALLOWED = row[action];
    return step === NOT_ALLOWED ? [] : [step.permission];
  });
  return [...new Set(all)];
}

/**
 * The edge check of a step, from the report's state as read before the transaction: the permission
 * the step takes there (403, or 404 for another unit's report). When the state does not allow the
 * step, any permission the step takes from some state will do here, so that a reviewer retrying with
 * its Idempotency-Key still gets its first answer; the service refuses the step itself (409) under
 * the row lock, where it authorizes the permission again for the state it then finds.
 */
export function authorizeStep(
  actor: Actor,
  report: WorkflowState & { orgUnitId: string },
  action: ReportAction,
) {
  const resource: ResourceRef = { type: 'report', orgUnitIds: [report.orgUnitId] };
  const step = stepOf(report, action);
  const permissions = step ? [step.permission] : permissionsOf(action);
  if (permissions.some((permission) => can(actor, permission, resource))) return;
  authorize(actor, permissions[0]!, resource); // refuses: 401, 403, or 404 when the report is hidden
}

const STATE_NAMES: Record<ReportStatus, Localized> = {
  draft: { vi: 'đang soạn', en: 'a draft' },
  submitted: { vi: 'đã gửi, chờ duyệt', en: 'sent, awaiting the head of unit' },
  approved: { vi: 'đã duyệt, chờ tiếp nhận', en: 'approved, awaiting the secretariat' },
  accepted: { vi: 'đã tiếp nhận', en: 'accepted' },
  returned: { vi: 'bị trả lại', en: 'returned' },
};

const STEP_NAMES: Record<ReportAction, Localized> = {
  submit: { vi: 'gửi', en: 'sent' },
  approve: { vi: 'duyệt', en: 'approved' },
  accept: { vi: 'tiếp nhận', en: 'accepted' },
  return: { vi: 'trả lại', en: 'returned' },
  reopen: { vi: 'mở lại', en: 'reopened' },
};

/** The step under the lock, or 409 `invalid_transition` naming the state (and the current version). */
export function requireStep(report: WorkflowState & { version: number }, action: ReportAction): ResolvedStep {
  const step = stepOf(report, action);
  if (step) return step;
  throw new AppError('invalid_transition', {
    params: { state: STATE_NAMES[report.status], action: STEP_NAMES[action] },
    current: { status: report.status, version: report.version },
  });
}
