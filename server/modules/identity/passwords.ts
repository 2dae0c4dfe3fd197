import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { foldForSearch } from '../../../common/vietnamese';
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

let verifications = 0;
/** How many argon2 verifications have run in this process: tests assert that sign-in paths do one. */
export const verificationCount = () => verifications;

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  verifications++;
  try {
    return await argon2Slot(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

/**
 * Verified against when the username is unknown, so both cases cost one argon2 verification with
 * the same parameters. Made at start (identity routes), not on the first unknown name, which
 * would otherwise take a hash longer than any other attempt.
 */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => {
  dummyHash ??= hashPassword('not-a-real-password-0');
  return dummyHash;
};

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The published default of DEMO_PASSWORD (server/demo/users.ts re-exports it). */
export const DEFAULT_DEMO_PASSWORD = 'LoTrinh@2026';
const demoPasswords = new Set([DEFAULT_DEMO_PASSWORD.toLowerCase()]);
/** The configured DEMO_PASSWORD is refused as a real password too (main.ts calls this at start). */
export function refuseDemoPassword(password: string) {
  demoPasswords.add(password.normalize('NFC').toLowerCase());
}

/** The shipped lists (see each file's header for its source): lower case, without diacritics. */
function readList(file: string): string[] {
  return readFileSync(path.join(import.meta.dirname, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}
let commonPasswords: Set<string> | undefined;
const common = () => {
  commonPasswords ??= new Set([...readList('common-passwords.txt'), ...readList('common-passwords-vi.txt')]);
  return commonPasswords;
};

/** The substitutions every cracking rule set tries first: "p@ssw0rd" is "password". */
const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};
const unleet = (text: string) => text.replace(/[@40135$7]/g, (c) => LEET[c]!);

/** Digits anyone appends: none, a run (123456, 987654), one digit repeated, years (2026, 19902026). */
function predictableDigits(digits: string): boolean {
  return (
    digits === '' ||
    '01234567890123456789'.includes(digits) ||
    '98765432109876543210'.includes(digits) ||
    /^(\d)\1*$/.test(digits) ||
    /^((19|20)\d\d)+$/.test(digits)
  );
}

/**
 * NIST SP 800-63B: length, not composition. 12 to 128 characters (counted as characters, not
 * UTF-16 units, so "ắ" is one), any characters, no "three of four kinds" rule (a Vietnamese
 * passphrase is as good as any); refused when it is, or is built on, a common password
 * (the shipped lists, also after "p@ssw0rd" substitutions, with digits and symbols taken off both
 * ends), the demo password, too few distinct characters, or contains the username.
 * Returns a Vietnamese reason, or null when the password is acceptable.
 */
export function passwordProblem(password: string, username: string): string | null {
  const text = password.normalize('NFC');
  const length = [...text].length;
  if (length < PASSWORD_MIN_LENGTH) return `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`;
  if (length > PASSWORD_MAX_LENGTH) return `Mật khẩu dài tối đa ${PASSWORD_MAX_LENGTH} ký tự.`;
  const lower = text.toLowerCase();
  if (demoPasswords.has(lower)) return 'Không được dùng mật khẩu của tài khoản mẫu.';
  if (new Set(lower).size < 5) return 'Mật khẩu có quá ít ký tự khác nhau (ví dụ "aaaa…", "1212…").';

  const folded = foldForSearch(text);
  const name = foldForSearch(username.normalize('NFC')).trim();
  // The whole name, and each part of it ("truongvinh" of "truongvinh.canbo"); not one too short to mean anything.
  const nameParts = [name, ...name.split(/[^\p{L}\p{N}]+/u).filter((part) => [...part].length >= 4)];
  const compact = folded.replace(/[^\p{L}\p{N}]+/gu, ''); // "Trường-Vinh" holds "truongvinh"
  if (nameParts.some((part) => [...part].length >= 3 && (folded.includes(part) || compact.includes(part))))
    return 'Mật khẩu không được chứa tên đăng nhập.';

  const list = common();
  // The letters in the middle, with digits and symbols taken off both ends: "Matkhau@2026" → "matkhau".
  const match = /^([^\p{L}]*)(.*?)([^\p{L}]*)$/su.exec(folded)!;
  const core = match[2]!;
  const decoration = match[1]! + match[3]!;
  const stems = [core, core.replace(/[\s._-]+/g, ''), unleet(core)];
  // "8472!95#0361abc" is not "abc" with a suffix: the core must carry the password, or the rest be guessable.
  const builtOnStem =
    core !== '' && ([...core].length * 2 >= length || predictableDigits(decoration.replace(/\D/g, '')));
  if (list.has(folded) || list.has(unleet(folded)) || (builtOnStem && stems.some((stem) => list.has(stem))))
    return 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy dùng một cụm từ dài hơn, riêng của bạn.';
  return null;
}
