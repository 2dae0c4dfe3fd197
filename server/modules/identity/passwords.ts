import { hash, verify } from '@node-rs/argon2';
import { concurrencyLimit, cpuCount } from '../../concurrency';

/** argon2id with the OWASP minimum (19 MiB, 2 passes): ~35 ms per hash on the dev machine. */
// `algorithm: 2` is Algorithm.Argon2id: the package's const enum cannot be imported under verbatimModuleSyntax.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes and verifications in progress: at most one per CPU and never more than 2; the others wait
 * in line. Each holds 19 MiB and a whole CPU. Unlimited, a burst of sign-ins ran 4 at once (libuv's
 * thread pool) and added up to 76 MiB to the server's peak memory, for no more sign-ins per second
 * on 2 CPUs. The cap of 2 keeps that peak within the instance's memory budget on any machine. The
 * unknown-user path (verify against the dummy hash) waits in the same line, so both still take
 * the same time.
 */
const argon2Slot = concurrencyLimit(Math.min(cpuCount(), 2));

export const hashPassword = (password: string) => argon2Slot(() => hash(password, OPTIONS));

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await argon2Slot(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

/** Verified against when the username is unknown, so both cases take the same time. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => {
  dummyHash ??= hashPassword('not-a-real-password-0');
  return dummyHash;
};

/**
 * At least 10 characters, three of: lower case, upper case, digit, symbol; not the username.
 * Returns a Vietnamese reason, or null when the password is acceptable.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return 'Mật khẩu cần ít nhất 10 ký tự.';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'Mật khẩu cần ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký hiệu.';
  if (password.toLowerCase().includes(username.toLowerCase()))
    return 'Mật khẩu không được chứa tên đăng nhập.';
  return null;
}
