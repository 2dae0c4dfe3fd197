import type { Query, QueryClient } from '@tanstack/react-query';
import type { TLoginRequest, TMe, TTotpSetup } from '../../../common/contracts/auth';
import { ApiError, apiFetch, setCsrfToken } from '../api/client';

export const authKeys = {
  me: ['auth', 'me'] as const,
};

/** Every cached query except the session itself. */
export function isUserData(query: Query): boolean {
  return query.queryKey[0] !== authKeys.me[0];
}

/** Drop what the previous user loaded: the next one must not see it, even for a moment. */
export function removeUserData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: isUserData });
}

/** The signed-in user, or null when there is no session (401 `unauthenticated`). */
export async function fetchMe(signal?: AbortSignal): Promise<TMe | null> {
  try {
    return await apiFetch<TMe>('/auth/me', { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function login(body: TLoginRequest): Promise<TMe> {
  return apiFetch<TMe>('/auth/login', { method: 'POST', body });
}

/** A new pending secret with its QR code; replaces an earlier pending one. */
export function setupTotp(): Promise<TTotpSetup> {
  return apiFetch<TTotpSetup>('/auth/totp/setup', { method: 'POST' });
}

/** Turns two-step verification on with a code from the app; answers who we are now. */
export function confirmTotp(code: string): Promise<TMe> {
  return apiFetch<TMe>('/auth/totp/confirm', { method: 'POST', body: { code } });
}

/** Turns two-step verification off (not for administrators); answers who we are now. */
export function disableTotp(password: string): Promise<TMe> {
  return apiFetch<TMe>('/auth/totp/disable', { method: 'POST', body: { password } });
}

/**
 * Ends this session (`everywhere`: every session of the user). A session that already ended is
 * fine; a stale CSRF token (the session was renewed in another tab) is refreshed once.
 */
export async function logout(everywhere: boolean): Promise<void> {
  const path = everywhere ? '/auth/logout-all' : '/auth/logout';
  try {
    await apiFetch<void>(path, { method: 'POST' });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 401) return;
    if (error.code !== 'csrf_failed') throw error;
    const me = await fetchMe();
    if (!me) return;
    setCsrfToken(me.csrfToken);
    await apiFetch<void>(path, { method: 'POST' });
  }
}
