/** The sign-in page's address; `next` is where to go once signed in. */
export const SIGN_IN_PATH = '/dang-nhap';

/** Own password change; a user with a temporary password is sent here from every page. */
export const CHANGE_PASSWORD_PATH = '/doi-mat-khau';

export function changePasswordHref(next?: string): string {
  return next && next !== '/' && !next.startsWith(CHANGE_PASSWORD_PATH)
    ? `${CHANGE_PASSWORD_PATH}?next=${encodeURIComponent(next)}`
    : CHANGE_PASSWORD_PATH;
}

/** Setting up two-step verification; an administrator without it is sent here from every page. */
export const TOTP_SETUP_PATH = '/xac-thuc-hai-buoc';

export function totpSetupHref(next?: string): string {
  return next && next !== '/' && !next.startsWith(TOTP_SETUP_PATH)
    ? `${TOTP_SETUP_PATH}?next=${encodeURIComponent(next)}`
    : TOTP_SETUP_PATH;
}

export function signInHref(next?: string): string {
  return next && next !== '/' ? `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}` : SIGN_IN_PATH;
}

/**
 * `?next=` comes from the address bar, so only a path inside this app is followed: "/items/…",
 * never "//evil.example", "/\\evil.example", "https://…" or the sign-in page itself.
 */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  // Browsers drop tabs and newlines from addresses: "/\t/evil.example" would become "//evil.example".
  for (let i = 0; i < next.length; i++) if (next.charCodeAt(i) < 0x20) return '/';
  if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`) || next.startsWith(`${SIGN_IN_PATH}/`))
    return '/';
  return next;
}
