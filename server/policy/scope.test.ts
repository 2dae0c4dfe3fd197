/**
 * The policy's scope helper and its province-wide marker, on actors built by hand: where an action
 * reaches is PROVINCE_WIDE, a non-empty list of units, or none, and never an empty list that a
 * caller could read as "everywhere".
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../common/roles';
import { type Actor, authorize, can, mustUseSecondFactor, PROVINCE_WIDE, readScope, scopeOf } from '.';

const seat = (role: Role, orgUnitId: string, subtree: string[], coversAll = false) => ({
  role,
  orgUnitId,
  subtree: new Set([orgUnitId, ...subtree]),
  coversAll,
});

const actor = (...assignments: ReturnType<typeof seat>[]): Actor => ({
  userId: 'u',
  name: 'kiểm thử',
  assignments,
  ip: null,
  requestId: null,
});

const province = (role: Role) => actor(seat(role, 'root', ['district', 'commune-a', 'commune-b'], true));
const communeOfficer = actor(seat('officer', 'commune-a', []));
const districtHead = actor(seat('head', 'district', ['commune-a', 'commune-b']));

describe('scopeOf', () => {
  it('is the province-wide marker for an assignment covering every unit', () => {
    expect(scopeOf(province('secretariat'), 'accept', 'report')).toEqual(PROVINCE_WIDE);
    expect(scopeOf(province('secretariat'), 'accept', 'report').kind).toBe('everywhere');
  });

  it('is the units of the granting assignments’ subtrees, and only theirs', () => {
    expect(scopeOf(districtHead, 'approve', 'report')).toEqual({
      kind: 'units',
      orgUnitIds: ['district', 'commune-a', 'commune-b'],
    });
    const both = actor(seat('officer', 'commune-a', []), seat('steering', 'commune-b', []));
    // steering reads reports but does not submit them: only the officer's unit
    expect(scopeOf(both, 'submit', 'report')).toEqual({ kind: 'units', orgUnitIds: ['commune-a'] });
    expect(scopeOf(both, 'read', 'report')).toEqual({
      kind: 'units',
      orgUnitIds: ['commune-a', 'commune-b'],
    });
  });

  it('is none, not an empty list, when no assignment grants the action', () => {
    expect(scopeOf(communeOfficer, 'approve', 'report')).toEqual({ kind: 'none' });
    expect(scopeOf(province('steering'), 'accept', 'report')).toEqual({ kind: 'none' });
    expect(scopeOf({ ...communeOfficer, userId: null }, 'read', 'report')).toEqual({ kind: 'none' });
  });

  it('reaches everywhere for directory reads (org units, plans, indicators, rounds)', () => {
    expect(scopeOf(communeOfficer, 'read', 'org_unit')).toEqual(PROVINCE_WIDE);
    expect(scopeOf(communeOfficer, 'update', 'org_unit')).toEqual({ kind: 'none' });
  });

  it('is what readScope gives the list queries', () => {
    expect(readScope(province('steering'), 'plan_item')).toEqual({ all: true });
    expect(readScope(districtHead, 'report')).toEqual({
      all: false,
      orgUnitIds: ['district', 'commune-a', 'commune-b'],
    });
    expect(readScope(actor(), 'report')).toEqual({ all: false, orgUnitIds: [] });
  });
});

describe('a record of the whole province (PROVINCE_WIDE as its owner)', () => {
  it('is managed only by an assignment covering every unit', () => {
    expect(can(province('secretariat'), 'update', { type: 'round', orgUnitIds: PROVINCE_WIDE })).toBe(true);
    const districtSecretariat = actor(seat('secretariat', 'district', ['commune-a']));
    expect(can(districtSecretariat, 'update', { type: 'round', orgUnitIds: PROVINCE_WIDE })).toBe(false);
    // while the same assignment manages the rounds' type anywhere it sits
    expect(can(districtSecretariat, 'update', { type: 'round' })).toBe(true);
    expect(() =>
      authorize(districtSecretariat, 'create', { type: 'plan', orgUnitIds: PROVINCE_WIDE }),
    ).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('differs from a record of no unit, which no scoped assignment covers either', () => {
    expect(can(districtHead, 'read', { type: 'report', orgUnitIds: [] })).toBe(false);
    expect(can(province('steering'), 'read', { type: 'report', orgUnitIds: [] })).toBe(true);
  });
});

describe('mustUseSecondFactor', () => {
  it('holds for whoever may grant roles (administrators), anywhere they sit', () => {
    expect(mustUseSecondFactor(province('admin'))).toBe(true);
    expect(mustUseSecondFactor(actor(seat('officer', 'commune-a', []), seat('admin', 'district', [])))).toBe(
      true,
    );
    expect(mustUseSecondFactor(province('secretariat'))).toBe(false);
    expect(mustUseSecondFactor(communeOfficer)).toBe(false);
  });
});
