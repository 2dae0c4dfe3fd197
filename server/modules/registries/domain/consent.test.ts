/**
 * Per-field visibility for each role and for anonymous readers, consent never assumed, withdrawal
 * emptying the public view the same day, contact never public and hidden once a profile is stale.
 */
import { describe, expect, it } from 'vitest';
import {
  CONSENT_PURPOSE_LABELS,
  hasConsent,
  type PersonProfile,
  type Viewer,
  visibleFields,
} from './consent';

const PROFILE: PersonProfile = {
  personId: 'p1',
  fields: {
    fullName: 'Nguyễn Thị Hạnh',
    degree: 'Tiến sĩ',
    fields: ['Khoa học vật liệu'],
    employer: 'Viện Khoa học Vật liệu',
    availability: 'Tư vấn 2 ngày/tháng',
    email: 'hanh@example.vn',
    phone: '0912 345 678',
    birthYear: 1980,
    notes: 'Ghi chú của Sở',
  },
  visibility: {
    fullName: 'public',
    degree: 'public',
    fields: 'public',
    employer: 'staff',
    availability: 'staff',
    email: 'public', // asked for public, but contact never is
    phone: 'private',
    birthYear: 'private',
    // notes: not set → private
  },
  consents: [
    { purpose: 'internal-management', givenOn: '2026-01-05', withdrawnOn: null },
    { purpose: 'public-directory', givenOn: '2026-01-05', withdrawnOn: null },
  ],
  stale: false,
};

const ALL = Object.keys(PROFILE.fields).sort();
const keys = (p: PersonProfile, v: Viewer, asOf = '2026-06-01') =>
  Object.keys(visibleFields(p, v, asOf).fields).sort();

describe('visibleFields', () => {
  it('for each reader, the fields each may see', () => {
    const table: [Viewer, string[], boolean][] = [
      [{ role: 'anonymous' }, ['degree', 'fields', 'fullName'], false],
      [
        { role: 'staff', personId: 'p9' },
        ['availability', 'degree', 'email', 'employer', 'fields', 'fullName'],
        true,
      ],
      [{ role: 'secretariat' }, ALL, true],
      [{ role: 'person', personId: 'p1' }, ALL, false],
      [{ role: 'person', personId: 'p2' }, ['degree', 'fields', 'fullName'], false],
    ];
    for (const [viewer, expected, logged] of table) {
      expect(keys(PROFILE, viewer), viewer.role).toEqual(expected);
      expect(visibleFields(PROFILE, viewer, '2026-06-01').logAccess, viewer.role).toBe(logged);
    }
  });

  it('shows nothing publicly before the person opts in, and nothing to anyone but staff without it', () => {
    const before = keys(PROFILE, { role: 'anonymous' }, '2026-01-04');
    expect(before).toEqual([]);
    const noConsent = { ...PROFILE, consents: [] };
    expect(keys(noConsent, { role: 'anonymous' })).toEqual([]);
    expect(keys(noConsent, { role: 'staff' })).toEqual([]);
    expect(keys(noConsent, { role: 'person', personId: 'p1' })).toEqual(ALL);
  });

  it('empties the public view the day consent is withdrawn; staff still see what internal management allows', () => {
    const withdrawn: PersonProfile = {
      ...PROFILE,
      consents: [
        { purpose: 'internal-management', givenOn: '2026-01-05', withdrawnOn: null },
        { purpose: 'public-directory', givenOn: '2026-01-05', withdrawnOn: '2026-06-01' },
      ],
    };
    expect(keys(withdrawn, { role: 'anonymous' }, '2026-05-31')).toEqual(['degree', 'fields', 'fullName']);
    expect(keys(withdrawn, { role: 'anonymous' }, '2026-06-01')).toEqual([]);
    expect(keys(withdrawn, { role: 'staff' }, '2026-06-01')).toContain('employer');
  });

  it('never shows contact to the public, and hides it from staff once the profile is stale', () => {
    const allPublic: PersonProfile = {
      ...PROFILE,
      visibility: Object.fromEntries(ALL.map((f) => [f, 'public'])),
    };
    expect(keys(allPublic, { role: 'anonymous' })).not.toContain('email');
    expect(keys(allPublic, { role: 'anonymous' })).not.toContain('phone');
    expect(keys({ ...PROFILE, stale: true }, { role: 'staff' })).not.toContain('email');
    expect(keys({ ...PROFILE, stale: true }, { role: 'secretariat' })).toContain('email');
  });
});

describe('hasConsent', () => {
  it('counts from the day given until the day withdrawn', () => {
    const c = [{ purpose: 'matching-contact' as const, givenOn: '2026-02-01', withdrawnOn: '2026-03-01' }];
    expect(
      ['2026-01-31', '2026-02-01', '2026-02-28', '2026-03-01'].map((d) =>
        hasConsent(c, 'matching-contact', d),
      ),
    ).toEqual([false, true, true, false]);
    expect(hasConsent(c, 'public-directory', '2026-02-10')).toBe(false);
    expect(CONSENT_PURPOSE_LABELS['national-databases']).toBe('Chia sẻ với cơ sở dữ liệu quốc gia');
  });
});
