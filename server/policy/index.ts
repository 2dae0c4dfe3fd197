/**
 * The one authorization policy, and the only code that reads roles. Every route calls
 * `authorize(actor, action, resource)` before it touches data, and list queries narrow their rows
 * with `readScope(actor, type)` (or `scopeOf(actor, action, type)` for other actions than read).
 *
 * A user holds roles, each over an org unit and everything below it (its subtree). A role allows
 * actions on resource types (ROLE_PERMISSIONS); the resource must lie in the subtree of an
 * assignment that allows the action, unless the type's reads are directory-wide (org units, plan
 * headers). Not signed in → 401; may see the resource but not do this → 403; may not even see it
 * (another unit's record) → 404, so nothing leaks that it exists.
 */
import type { Ability, Role } from '../../common/roles';
import { AppError, RESOURCE_NAMES } from '../errors/app-error';

/**
 * read/create/update/archive for every type; the report workflow adds the permissions its steps
 * take (reports/workflow.ts; returning a report takes the right to approve or accept it).
 */
export const ACTIONS = [
  'read',
  'create',
  'update',
  'archive',
  'submit',
  'approve',
  'accept',
  'reopen',
  /** data_value: change, with a reason, a value a sent or accepted report carries */
  'correct',
] as const;
export type Action = (typeof ACTIONS)[number];
export const RESOURCE_TYPES = [
  'org_unit',
  'plan',
  'plan_item',
  'user',
  'audit_event',
  'indicator',
  'data_value',
  'round',
  'report',
  /** search synonyms (KH&CN = khoa học và công nghệ): the province's, read by all */
  'search_synonym',
  /** a unit's scorecard (read: its own card and rank; update: weights and publishing, province-wide) */
  'scorecard',
  /** programmes and their budget lines; support policies: the secretariat manages, others read their units' */
  'programme',
  'support_policy',
  /** report documents of a round (read; create and update a draft; approve = issue a version) */
  'document',
  /** a publication of the public portal: the secretariat publishes (create), withdraws and picks what is public (update) */
  'publication',
  /** a round's synthesis of the report texts, its risk flags and the concept lexicon: the secretariat's */
  'synthesis',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

const ALL = ['read', 'create', 'update', 'archive'] as const;
/** officer: fills in and submits; head: also approves (or returns); secretariat: accepts (or returns), reopens */
const REPORT_OFFICER = ['read', 'update', 'submit'] as const;
const REPORT_HEAD = ['read', 'update', 'submit', 'approve'] as const;
const REPORT_SECRETARIAT = ['read', 'accept', 'reopen'] as const;
const REPORT_ALL = ['read', 'update', 'submit', 'approve', 'accept', 'reopen'] as const;
const READ = ['read'] as const;
const ENTER = ['read', 'create', 'update'] as const;
/** the secretariat also corrects reviewed values (with a reason) and is not bound to open rounds */
const ENTER_AND_CORRECT = ['read', 'create', 'update', 'correct'] as const;
const NONE = [] as const;
/** scorecards: the secretariat changes the weights and publishes a period */
const READ_AND_MANAGE = ['read', 'update'] as const;
/** documents: officers draft, heads and the secretariat also issue ('approve') */
const DOCUMENT_ISSUE = ['read', 'create', 'update', 'approve'] as const;
/** publications: the secretariat publishes, withdraws and picks the public plan items */
const PUBLISH = ['read', 'create', 'update'] as const;
/** the synthesis of a round: drafted, edited and read by the secretariat (and the administrators) */
const SYNTHESIS_MANAGE = ['read', 'create', 'update'] as const;

/** What each role may do. Adding a role to common/roles.ts fails to compile until it is listed here. */
export const ROLE_PERMISSIONS = {
  admin: {
    publication: READ,
    programme: ALL,
    support_policy: ALL,
    org_unit: ALL,
    plan: ALL,
    plan_item: ALL,
    user: ALL,
    audit_event: READ,
    indicator: ALL,
    data_value: ENTER_AND_CORRECT,
    round: ALL,
    report: REPORT_ALL,
    search_synonym: ALL,
    scorecard: READ_AND_MANAGE,
    document: DOCUMENT_ISSUE,
    synthesis: SYNTHESIS_MANAGE,
  },
  secretariat: {
    publication: PUBLISH,
    programme: ALL,
    support_policy: ALL,
    org_unit: ALL,
    plan: ALL,
    plan_item: ALL,
    user: NONE,
    audit_event: NONE,
    indicator: ALL,
    data_value: ENTER_AND_CORRECT,
    round: ALL,
    report: REPORT_SECRETARIAT,
    search_synonym: ALL,
    scorecard: READ_AND_MANAGE,
    document: DOCUMENT_ISSUE,
    synthesis: SYNTHESIS_MANAGE,
  },
  steering: {
    publication: READ,
    programme: READ,
    support_policy: READ,
    org_unit: READ,
    plan: READ,
    plan_item: READ,
    user: NONE,
    audit_event: NONE,
    indicator: READ,
    data_value: READ,
    round: READ,
    report: READ,
    search_synonym: READ,
    scorecard: READ,
    document: READ,
    synthesis: NONE,
  },
  head: {
    publication: NONE,
    programme: READ,
    support_policy: READ,
    org_unit: READ,
    plan: READ,
    plan_item: READ,
    user: NONE,
    audit_event: NONE,
    indicator: READ,
    data_value: ENTER,
    round: READ,
    report: REPORT_HEAD,
    search_synonym: READ,
    scorecard: READ,
    document: DOCUMENT_ISSUE,
    synthesis: NONE,
  },
  officer: {
    publication: NONE,
    programme: READ,
    support_policy: READ,
    org_unit: READ,
    plan: READ,
    plan_item: READ,
    user: NONE,
    audit_event: NONE,
    indicator: READ,
    data_value: ENTER,
    round: READ,
    report: REPORT_OFFICER,
    search_synonym: READ,
    scorecard: READ,
    document: ENTER,
    synthesis: NONE,
  },
  auditor: {
    publication: READ,
    programme: READ,
    support_policy: READ,
    org_unit: READ,
    plan: READ,
    plan_item: READ,
    user: READ,
    audit_event: READ,
    indicator: READ,
    data_value: READ,
    round: READ,
    report: READ,
    search_synonym: READ,
    scorecard: READ,
    document: READ,
    synthesis: NONE,
  },
} as const satisfies Record<Role, Record<ResourceType, readonly Action[]>>;

/** Types whose records anyone signed in may read: the org directory, plan headers, the indicator catalogue. */
const DIRECTORY_READS: readonly ResourceType[] = ['org_unit', 'plan', 'indicator', 'round', 'search_synonym'];

/** The abilities the web app uses to show or hide actions. */
const ABILITY_RULES = {
  'org_units.manage': ['org_unit', 'create'],
  'plans.manage': ['plan', 'create'],
  'plan_items.manage': ['plan_item', 'update'],
  'users.manage': ['user', 'create'],
  'audit.read': ['audit_event', 'read'],
  'indicators.manage': ['indicator', 'create'],
  'data_values.enter': ['data_value', 'update'],
  'search_synonyms.manage': ['search_synonym', 'update'],
  'scorecards.manage': ['scorecard', 'update'],
  'programmes.manage': ['programme', 'create'],
  'documents.create': ['document', 'create'],
  'publications.manage': ['publication', 'create'],
  'synthesis.manage': ['synthesis', 'update'],
} as const satisfies Record<Ability, readonly [ResourceType, Action]>;

export interface Assignment {
  role: Role;
  orgUnitId: string;
  /** the unit and every unit below it */
  subtree: ReadonlySet<string>;
  /** the unit has no parent: the assignment covers everything */
  coversAll: boolean;
}

export interface Actor {
  /** null when not signed in */
  userId: string | null;
  /** shown in history and audit entries */
  name: string;
  assignments: Assignment[];
  ip: string | null;
  requestId: string | null;
}

export const anonymousActor = (ip: string | null = null, requestId: string | null = null): Actor => ({
  userId: null,
  name: 'anonymous',
  assignments: [],
  ip,
  requestId,
});

/**
 * The explicit "every unit" marker. As a scope: the actor reaches every unit's records. As a
 * record's owner (`orgUnitIds: PROVINCE_WIDE`, a plan, a round, a new root unit): the record
 * belongs to the whole province, so only an assignment covering every unit acts on it. Never an
 * empty list standing for "everywhere": an empty list of units is no unit at all.
 */
export const PROVINCE_WIDE = { kind: 'everywhere' } as const;
export type ProvinceWide = typeof PROVINCE_WIDE;

/** Where an action reaches: every unit, these units (never empty), or nowhere. */
export type Scope = ProvinceWide | { kind: 'units'; orgUnitIds: readonly string[] } | { kind: 'none' };

export interface ResourceRef {
  type: ResourceType;
  /**
   * the units that own the record (lead, co-operators, parent…), or PROVINCE_WIDE for a record of
   * the whole province; absent for a type-wide action (may the actor do this anywhere?)
   */
  orgUnitIds?: readonly string[] | ProvinceWide;
}

function grants(assignment: Pick<Assignment, 'role'>, action: Action, type: ResourceType): boolean {
  return (ROLE_PERMISSIONS[assignment.role][type] as readonly Action[]).includes(action);
}

function covers(assignment: Assignment, orgUnitIds: ResourceRef['orgUnitIds']): boolean {
  if (assignment.coversAll || orgUnitIds === undefined) return true;
  if (!Array.isArray(orgUnitIds)) return false; // province-wide: only a whole-province assignment
  return orgUnitIds.some((id) => assignment.subtree.has(id));
}

export function can(actor: Actor, action: Action, resource: ResourceRef): boolean {
  if (actor.userId === null) return false;
  if (action === 'read' && DIRECTORY_READS.includes(resource.type)) {
    return actor.assignments.some((a) => grants(a, 'read', resource.type));
  }
  return actor.assignments.some((a) => grants(a, action, resource.type) && covers(a, resource.orgUnitIds));
}

const NOT_FOUND_NAMES = {
  org_unit: RESOURCE_NAMES.orgUnit,
  programme: { vi: 'chương trình', en: 'programme' },
  support_policy: { vi: 'chính sách hỗ trợ', en: 'support policy' },
  plan: RESOURCE_NAMES.plan,
  plan_item: RESOURCE_NAMES.planItem,
  user: RESOURCE_NAMES.resource,
  audit_event: RESOURCE_NAMES.resource,
  indicator: RESOURCE_NAMES.indicator,
  data_value: RESOURCE_NAMES.resource,
  round: RESOURCE_NAMES.round,
  report: RESOURCE_NAMES.report,
  search_synonym: RESOURCE_NAMES.resource,
  scorecard: RESOURCE_NAMES.orgUnit,
  document: { vi: 'văn bản', en: 'document' },
  publication: { vi: 'đợt công bố', en: 'publication' },
  synthesis: RESOURCE_NAMES.round,
} satisfies Record<ResourceType, unknown>;

export function authorize(actor: Actor, action: Action, resource: ResourceRef): void {
  if (actor.userId === null) throw new AppError('unauthenticated');
  if (can(actor, action, resource)) return;
  // Refusing to create names no existing record, so it never needs hiding.
  if (action !== 'create' && resource.orgUnitIds !== undefined && !can(actor, 'read', resource)) {
    throw new AppError('not_found', {
      params: { resource: NOT_FOUND_NAMES[resource.type] },
      deniedByPolicy: true,
    });
  }
  throw new AppError('forbidden');
}

/**
 * Where the actor may do an action on a type: PROVINCE_WIDE (an assignment covering every unit
 * grants it, or the type's reads are directory-wide), the units of the granting assignments'
 * subtrees, or none. The one place that turns roles into units: lists, inboxes and counts narrow
 * their rows with it instead of reading the role table.
 */
export function scopeOf(actor: Actor, action: Action, type: ResourceType): Scope {
  if (actor.userId === null) return { kind: 'none' };
  const granting = actor.assignments.filter((a) => grants(a, action, type));
  if (granting.length === 0) return { kind: 'none' };
  if (granting.some((a) => a.coversAll) || (action === 'read' && DIRECTORY_READS.includes(type))) {
    return PROVINCE_WIDE;
  }
  const ids = new Set<string>();
  for (const a of granting) for (const id of a.subtree) ids.add(id);
  return ids.size ? { kind: 'units', orgUnitIds: [...ids] } : { kind: 'none' };
}

/** Which records of a type the actor may read: all, or those owned by these units (none when empty). */
export type ReadScope = { all: true } | { all: false; orgUnitIds: string[] };

/** scopeOf(actor, 'read', type) in the shape the list queries take. */
export function readScope(actor: Actor, type: ResourceType): ReadScope {
  const scope = scopeOf(actor, 'read', type);
  if (scope.kind === 'everywhere') return { all: true };
  return { all: false, orgUnitIds: scope.kind === 'units' ? [...scope.orgUnitIds] : [] };
}

/**
 * Who must sign in with a second factor (TOTP): whoever may create users, and so grant any role
 * (today the administrators).
 */
export function mustUseSecondFactor(actor: Actor): boolean {
  return actor.assignments.some((a) => grants(a, 'create', 'user'));
}

export function abilitiesOf(actor: Actor): Ability[] {
  return (Object.entries(ABILITY_RULES) as [Ability, readonly [ResourceType, Action]][])
    .filter(([, [type, action]]) => actor.assignments.some((a) => grants(a, action, type)))
    .map(([ability]) => ability);
}

/** The abilities one assignment gives (the web picks, say, the unit where the user enters values). */
export function assignmentAbilities(assignment: Pick<Assignment, 'role'>): Ability[] {
  return (Object.entries(ABILITY_RULES) as [Ability, readonly [ResourceType, Action]][])
    .filter(([, [type, action]]) => grants(assignment, action, type))
    .map(([ability]) => ability);
}
