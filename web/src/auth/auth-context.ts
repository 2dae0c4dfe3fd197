import { createContext, useContext } from 'react';
import type { TLoginRequest, TMe } from '../../../common/contracts/auth';
import type { Ability } from '../../../common/roles';

export interface AuthContextValue {
  /** the signed-in user; null when there is no session; undefined while the first check runs */
  me: TMe | null | undefined;
  /** the first `/auth/me` failed for another reason than "not signed in" (network, server) */
  error: unknown;
  retry: () => void;
  abilities: readonly Ability[];
  can: (ability: Ability) => boolean;
  /** sign in from the sign-in page: a fresh start, nothing cached from an earlier user */
  signIn: (credentials: TLoginRequest) => Promise<TMe>;
  /** end this session, or (`everywhere`) every session of the user; then the sign-in page shows */
  signOut: (options?: { everywhere?: boolean }) => Promise<void>;
  /** true after an explicit sign-out: the sign-in page then opens without `?next=` */
  signedOut: boolean;
  /** the session ended under the user's feet: the dialog over the current page is open */
  sessionExpired: boolean;
  /** sign in again from that dialog; the requests that failed are then sent again */
  resumeSession: (credentials: TLoginRequest) => Promise<TMe>;
  /** close the dialog without signing in: the failed requests fail with their 401 */
  dismissSessionExpired: () => void;
  /** take a fresh `TMe` the server answered (e.g. after turning two-step verification on) */
  updateMe: (me: TMe) => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

/** `const { me, can } = useAuth(); can('plan_items.manage')` */
export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('AuthProvider is missing');
  return ctx;
}
