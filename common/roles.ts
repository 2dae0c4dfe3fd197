/** Roles a user can hold, each assignment scoped to an org-unit subtree. Labels live in the i18n files. */
export const ROLES = ['admin', 'secretariat', 'steering', 'head', 'officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** What a signed-in user may do, sent with /api/auth/me so the web shows only what the server allows. */
export const ABILITIES = [
  'org_units.manage',
  'plans.manage',
  'plan_items.manage',
  'users.manage',
  'audit.read',
  'indicators.manage',
  'data_values.enter',
  'search_synonyms.manage',
  'scorecards.manage',
  'programmes.manage',
  'documents.create',
  'publications.manage',
  'synthesis.manage',
] as const;
export type Ability = (typeof ABILITIES)[number];
