/**
 * Consent per purpose and visibility per field for people's profiles (Law 91/2025/QH15 on personal
 * data protection): a pure filter deciding what a viewer may read. No consent record means no
 * consent (never pre-ticked); a withdrawal takes effect on the day it is recorded, so the public
 * view of a person who withdraws is empty at once. Unknown fields default to the narrowest level,
 * and contact fields are never public whatever their setting says.
 */

export const CONSENT_PURPOSES = [
  'internal-management',
  'public-directory',
  'matching-contact',
  'national-databases',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_PURPOSE_LABELS: Readonly<Record<ConsentPurpose, string>> = {
  'internal-management': 'Quản lý nội bộ của Sở',
  'public-directory': 'Công khai trên danh bạ chuyên gia',
  'matching-contact': 'Liên hệ để kết nối cung – cầu công nghệ',
  'national-databases': 'Chia sẻ với cơ sở dữ liệu quốc gia',
};

export interface ConsentRecord {
  purpose: ConsentPurpose;
  /** ISO date the person gave it (with evidence kept elsewhere). */
  givenOn: string;
  withdrawnOn: string | null;
}

/** Whether consent for `purpose` stands on `asOf`: given on or before it and not withdrawn by then. */
export function hasConsent(
  consents: readonly ConsentRecord[],
  purpose: ConsentPurpose,
  asOf: string,
): boolean {
  return consents.some(
    (c) => c.purpose === purpose && c.givenOn <= asOf && (c.withdrawnOn === null || c.withdrawnOn > asOf),
  );
}

export const VISIBILITY_LEVELS = ['public', 'staff', 'private'] as const;
export type Visibility = (typeof VISIBILITY_LEVELS)[number];
export const VISIBILITY_LABELS: Readonly<Record<Visibility, string>> = {
  public: 'Công khai',
  staff: 'Cán bộ đã đăng nhập',
  private: 'Chỉ chủ hồ sơ và bộ phận thường trực',
};

/** Never shown to the public, whatever the field's setting (the issue: contact is never public). */
export const CONTACT_FIELDS: ReadonlySet<string> = new Set(['email', 'phone', 'address']);

export interface PersonProfile {
  personId: string;
  fields: Readonly<Record<string, unknown>>;
  visibility: Readonly<Record<string, Visibility>>;
  consents: readonly ConsentRecord[];
  /** Yearly reconfirmation lapsed: contact details hidden from everyone but the person and the secretariat. */
  stale: boolean;
}

export type Viewer =
  | { role: 'anonymous' }
  | { role: 'staff'; personId?: string }
  | { role: 'secretariat'; personId?: string }
  | { role: 'person'; personId: string };

export interface VisibleProfile {
  fields: Record<string, unknown>;
  /** A staff read that returned a non-public field: to be written to the access log. */
  logAccess: boolean;
}

function levelOf(profile: PersonProfile, field: string): Visibility {
  const level = profile.visibility[field] ?? 'private';
  return level === 'public' && CONTACT_FIELDS.has(field) ? 'staff' : level;
}

/** The fields `viewer` may read on `asOf`; everything else dropped. */
export function visibleFields(profile: PersonProfile, viewer: Viewer, asOf: string): VisibleProfile {
  const isOwner = viewer.role !== 'anonymous' && viewer.personId === profile.personId;
  if (isOwner || viewer.role === 'secretariat') {
    return { fields: { ...profile.fields }, logAccess: !isOwner };
  }
  const publicOk = hasConsent(profile.consents, 'public-directory', asOf);
  const internalOk = viewer.role === 'staff' && hasConsent(profile.consents, 'internal-management', asOf);
  const fields: Record<string, unknown> = {};
  let nonPublic = false;
  for (const [field, value] of Object.entries(profile.fields)) {
    const level = levelOf(profile, field);
    if (profile.stale && CONTACT_FIELDS.has(field)) continue;
    if (level === 'public' && (publicOk || internalOk)) fields[field] = value;
    else if (level === 'staff' && internalOk) {
      fields[field] = value;
      nonPublic = true;
    }
  }
  return { fields, logAccess: nonPublic };
}
