/**
 * The one authorization policy. Every route calls `authorize(actor, action, resource)` before it
 * touches data. Until sign-in lands (issue #3) every request acts as the anonymous actor and
 * every action is allowed; the call sites are final, only this module changes.
 */

export type Action = 'read' | 'create' | 'update' | 'archive';
export type ResourceType = 'org_unit' | 'plan' | 'plan_item';

export interface Actor {
  /** null for the anonymous actor */
  userId: string | null;
  /** shown in history and audit entries */
  name: string;
}

export const ANONYMOUS_ACTOR: Actor = { userId: null, name: 'anonymous' };

export interface ResourceRef {
  type: ResourceType;
  /** the org unit that owns the resource, when known: scope checks use it */
  orgUnitId?: string | null;
}

export function authorize(_actor: Actor, _action: Action, _resource: ResourceRef): void {
  // Allowed for everyone until roles exist (issue #3).
}
