/**
 * ORCID iD: 16 characters shown as four groups of four, the last a check character computed with
 * ISO 7064 MOD 11-2 over the first 15 digits (10 written as "X"). The rule and the example iDs come
 * from ORCID's own support page "Structure of the ORCID Identifier"; we check the sum offline so a
 * mistyped iD is caught in the form, before anything asks orcid.org.
 */

export type OrcidParse = { ok: true; orcid: string; uri: string } | { ok: false; error: string };

export const ORCID_MESSAGES = {
  empty: 'Chưa nhập mã định danh ORCID.',
  shape: 'Mã định danh ORCID phải gồm 16 ký tự, dạng 0000-0002-1825-0097.',
  characters: 'Mã định danh ORCID chỉ gồm chữ số; riêng ký tự cuối có thể là chữ X.',
  checksum: 'Mã định danh ORCID không đúng (sai chữ số kiểm tra), đề nghị kiểm tra lại.',
} as const;

/** Check character for the first 15 digits of an iD (ISO 7064 MOD 11-2). */
export function orcidCheckCharacter(base15: string): string {
  if (!/^\d{15}$/.test(base15)) throw new Error('orcidCheckCharacter needs 15 digits');
  let total = 0;
  for (const ch of base15) total = (total + Number(ch)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/** Drops what people paste around an iD: the orcid.org address (http or https), "orcid:", spaces, hyphens. */
function compact(input: string): string {
  return input
    .trim()
    .replace(/^(https?:\/\/)?(www\.)?orcid\.org\//i, '')
    .replace(/^orcid:?/i, '')
    .replace(/[\s\u2010-\u2015-]/g, '')
    .toUpperCase();
}

/**
 * Accepts "https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097", "000000021825 0097" and
 * the like; gives back the canonical hyphenated form and its https URI, or a Vietnamese message.
 */
export function parseOrcid(input: string): OrcidParse {
  const raw = compact(input);
  if (raw.length === 0) return { ok: false, error: ORCID_MESSAGES.empty };
  if (raw.length !== 16) return { ok: false, error: ORCID_MESSAGES.shape };
  if (!/^\d{15}[\dX]$/.test(raw)) return { ok: false, error: ORCID_MESSAGES.characters };
  if (orcidCheckCharacter(raw.slice(0, 15)) !== raw[15]) return { ok: false, error: ORCID_MESSAGES.checksum };
  const orcid = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
  return { ok: true, orcid, uri: `https://orcid.org/${orcid}` };
}

export function isValidOrcid(input: string): boolean {
  return parseOrcid(input).ok;
}
