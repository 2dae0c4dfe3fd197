/**
 * The report workflow table, cell by cell, against an expectation written out here by hand: a
 * step allowed from a state it should not be (approving a draft), a wrong permission (a head
 * returning an approved report) or a wrong next state fails this test.
 */
import { describe, expect, it } from 'vitest';
import { REPORT_ACTIONS, REPORT_STATUSES, type ReportAction, type ReportStatus } from '../../../common/enums';
import { AppError } from '../../errors/app-error';
import type { Actor, Assignment } from '../../policy';
import { authorizeStep, permissionsOf, requireStep, stepOf } from './workflow';

type Expected =
  | { permission: string; to: ReportStatus; sentBackBy?: string; needsOpenRound?: string }
  | 'refused';

/** From a draft, or a report returned by the head of unit (where a resubmission goes back to). */
const EXPECTED: Record<ReportStatus, Record<ReportAction, Expected>> = {
  draft: {
    submit: { permission: 'submit', to: 'submitted', needsOpenRound: 'submit' },
    approve: 'refused',
    accept: 'refused',
    return: 'refused',
    reopen: 'refused',
  },
  submitted: {
    submit: 'refused',
    approve: { permission: 'approve', to: 'approved' },
    accept: 'refused',
    return: { permission: 'approve', to: 'returned', sentBackBy: 'head', needsOpenRound: 'sendBack' },
    reopen: 'refused',
  },
  approved: {
    submit: 'refused',
    approve: 'refused',
    accept: { permission: 'accept', to: 'accepted' },
    return: { permission: 'accept', to: 'returned', sentBackBy: 'secretariat', needsOpenRound: 'sendBack' },
    reopen: 'refused',
  },
  accepted: {
    submit: 'refused',
    approve: 'refused',
    accept: 'refused',
    return: 'refused',
    reopen: { permission: 'reopen', to: 'returned', sentBackBy: 'secretariat', needsOpenRound: 'sendBack' },
  },
  returned: {
    submit: { permission: 'submit', to: 'submitted', needsOpenRound: 'submit' },
    approve: 'refused',
    accept: 'refused',
    return: 'refused',
    reopen: 'refused',
  },
};

describe('the report workflow table', () => {
  for (const status of REPORT_STATUSES) {
    for (const action of REPORT_ACTIONS) {
      it(`${status} × ${action}`, () => {
        const step = stepOf(
          { status, returnedStage: status === 'returned' ? 'head' : null, resubmitSkipsHead: false },
          action,
        );
        const want = EXPECTED[status][action];
        if (want === 'refused') {
          expect(step).toBeNull();
          const refusal = (() => {
            try {
              requireStep({ status, returnedStage: null, resubmitSkipsHead: false, version: 4 }, action);
            } catch (e) {
              return e;
            }
          })();
          expect(refusal).toBeInstanceOf(AppError);
          expect((refusal as AppError).code).toBe('invalid_transition');
          expect((refusal as AppError).options.current).toEqual({ status, version: 4 });
        } else {
          expect(step).toEqual(want);
        }
      });
    }
  }

  it('sends a corrected report to the head to sign again, whoever returned it', () => {
    const returned = (returnedStage: 'head' | 'secretariat', resubmitSkipsHead = false) =>
      stepOf({ status: 'returned', returnedStage, resubmitSkipsHead }, 'submit')?.to;
    expect(returned('secretariat')).toBe('submitted');
    expect(returned('head')).toBe('submitted');
    // the plan's setting skips the head only for what the secretariat returned
    expect(returned('secretariat', true)).toBe('approved');
    expect(returned('head', true)).toBe('submitted');
  });

  it('knows every permission a step may take', () => {
    expect(permissionsOf('return').sort()).toEqual(['accept', 'approve']);
    expect(permissionsOf('approve')).toEqual(['approve']);
  });
});

const unit = 'unit-a';
const actorAs = (role: Assignment['role'], orgUnitId = unit): Actor => ({
  userId: `user-${role}`,
  name: role,
  assignments: [{ role, orgUnitId, subtree: new Set([orgUnitId]), coversAll: false }],
  ip: null,
  requestId: null,
});

const statusOf = (fn: () => void): number | 'allowed' => {
  try {
    fn();
    return 'allowed';
  } catch (e) {
    const code = (e as AppError).code;
    return code === 'forbidden' ? 403 : code === 'not_found' ? 404 : code === 'unauthenticated' ? 401 : 500;
  }
};

describe('authorizing a step at the edge', () => {
  const report = (status: ReportStatus) => ({
    status,
    returnedStage: null,
    resubmitSkipsHead: false,
    orgUnitId: unit,
  });

  it('takes the permission of the step from the state: returning an approved report is the secretariat’s', () => {
    expect(statusOf(() => authorizeStep(actorAs('head'), report('submitted'), 'return'))).toBe('allowed');
    expect(statusOf(() => authorizeStep(actorAs('head'), report('approved'), 'return'))).toBe(403);
    expect(statusOf(() => authorizeStep(actorAs('secretariat'), report('submitted'), 'return'))).toBe(403);
    expect(statusOf(() => authorizeStep(actorAs('secretariat'), report('approved'), 'return'))).toBe(
      'allowed',
    );
  });

  it('refuses an officer approving (403) and another unit’s head (404), whatever the state', () => {
    for (const status of REPORT_STATUSES) {
      expect(statusOf(() => authorizeStep(actorAs('officer'), report(status), 'approve'))).toBe(403);
      expect(statusOf(() => authorizeStep(actorAs('head', 'unit-b'), report(status), 'approve'))).toBe(404);
    }
  });

  it('lets a step the state refuses through to the service (409 there) only for who may take it somewhere', () => {
    expect(statusOf(() => authorizeStep(actorAs('head'), report('draft'), 'approve'))).toBe('allowed');
    expect(statusOf(() => authorizeStep(actorAs('head'), report('draft'), 'reopen'))).toBe(403);
    expect(statusOf(() => authorizeStep(actorAs('steering'), report('accepted'), 'return'))).toBe(403);
  });
});
