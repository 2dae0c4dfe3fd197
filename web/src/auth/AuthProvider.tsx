import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TLoginRequest, TMe } from '../../../common/contracts/auth';
import type { Ability } from '../../../common/roles';
import { isApiError, setCsrfToken, setSessionHandlers } from '../api/client';
import { authKeys, fetchMe, isUserData, login, logout, removeUserData } from './auth-api';
import { AuthContext, type AuthContextValue } from './auth-context';

const NO_ABILITIES: readonly Ability[] = [];

/**
 * Who is signed in (`GET /api/auth/me`, kept in the query cache), sign-in and sign-out, and what
 * happens when the session ends while the app is open: the API client hands such failures here,
 * a sign-in dialog opens over the current page, and the requests that failed are sent again.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({
    queryKey: authKeys.me,
    queryFn: async ({ signal }) => {
      const me = await fetchMe(signal);
      setCsrfToken(me?.csrfToken);
      return me;
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  const me = meQuery.data;
  const meRef = useRef(me);
  meRef.current = me;

  const [signedOut, setSignedOut] = useState(false);
  const [sessionExpired, setSessionExpired] = useState(false);
  /** requests waiting for the user to sign in again (resolve true: send again) */
  const waiters = useRef<((retry: boolean) => void)[]>([]);

  const applyMe = useCallback(
    (next: TMe | null) => {
      setCsrfToken(next?.csrfToken);
      queryClient.setQueryData(authKeys.me, next);
    },
    [queryClient],
  );

  const release = useCallback((retry: boolean) => {
    const waiting = waiters.current;
    waiters.current = [];
    setSessionExpired(false);
    for (const resolve of waiting) resolve(retry);
  }, []);

  useEffect(() => {
    const waitForSignIn = () => {
      // Not signed in at all: the guard shows the sign-in page, nothing to wait for.
      if (!meRef.current) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        waiters.current.push(resolve);
        setSessionExpired(true);
      });
    };
    setSessionHandlers({
      sessionExpired: waitForSignIn,
      // The token went stale (a new session in another tab): take the current one, or sign in again.
      csrfRejected: async () => {
        const previous = meRef.current;
        const fresh = await fetchMe().catch(() => undefined);
        if (fresh === undefined) return false;
        if (fresh === null) return waitForSignIn();
        if (previous && fresh.user.id !== previous.user.id) {
          // Someone else signed in on this browser: start over rather than act in their name.
          window.location.reload();
          return false;
        }
        applyMe(fresh);
        return true;
      },
    });
    return () => setSessionHandlers(undefined);
  }, [applyMe]);

  const signIn = useCallback(
    async (credentials: TLoginRequest) => {
      const next = await login(credentials);
      release(false);
      removeUserData(queryClient);
      setSignedOut(false);
      applyMe(next);
      return next;
    },
    [applyMe, queryClient, release],
  );

  const resumeSession = useCallback(
    async (credentials: TLoginRequest) => {
      const next = await login(credentials);
      applyMe(next);
      release(true);
      // Pages that gave up while the dialog was closed load again.
      void queryClient.refetchQueries({
        predicate: (q) => q.state.status === 'error' && isApiError(q.state.error, 'unauthenticated'),
      });
      return next;
    },
    [applyMe, queryClient, release],
  );

  const signOut = useCallback(
    async ({ everywhere = false }: { everywhere?: boolean } = {}) => {
      await logout(everywhere);
      release(false);
      setSignedOut(true);
      applyMe(null);
      await queryClient.cancelQueries({ predicate: isUserData });
    },
    [applyMe, queryClient, release],
  );

  const dismissSessionExpired = useCallback(() => release(false), [release]);

  const abilities = me?.abilities ?? NO_ABILITIES;
  const value = useMemo<AuthContextValue>(
    () => ({
      me,
      error: meQuery.error,
      retry: () => void meQuery.refetch(),
      abilities,
      can: (ability) => abilities.includes(ability),
      signIn,
      signOut,
      signedOut,
      sessionExpired,
      resumeSession,
      dismissSessionExpired,
      updateMe: applyMe,
    }),
    [
      me,
      meQuery.error,
      meQuery.refetch,
      abilities,
      signIn,
      signOut,
      signedOut,
      sessionExpired,
      resumeSession,
      dismissSessionExpired,
      applyMe,
    ],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
