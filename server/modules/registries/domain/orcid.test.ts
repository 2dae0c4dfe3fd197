/** Known answers for ORCID iDs: the three examples of ORCID's own documentation, and one-character slips. */
import { describe, expect, it } from 'vitest';
import { isValidOrcid, ORCID_MESSAGES, orcidCheckCharacter, parseOrcid } from './orcid';

const VALID = ['0000-0002-1825-0097', '0000-0001-5109-3700', '0000-0002-1694-233X'];

describe('orcidCheckCharacter', () => {
  it('computes the ISO 7064 MOD 11-2 character of the documented examples, X standing for 10', () => {
    expect(orcidCheckCharacter('000000021825009')).toBe('7');
    expect(orcidCheckCharacter('000000015109370')).toBe('0');
    expect(orcidCheckCharacter('000000021694233')).toBe('X');
  });
});

describe('parseOrcid', () => {
  it.each(VALID)('accepts %s', (id) => {
    expect(parseOrcid(id)).toEqual({ ok: true, orcid: id, uri: `https://orcid.org/${id}` });
  });

  it('normalises the forms people paste: URL, no hyphens, spaces, lower-case x, "orcid:" prefix', () => {
    for (const form of [
      'https://orcid.org/0000-0002-1825-0097',
      'http://orcid.org/0000-0002-1825-0097',
      'orcid.org/0000000218250097',
      '0000000218250097',
      ' 0000 0002 1825 0097 ',
      'ORCID: 0000-0002-1825-0097',
    ]) {
      expect(parseOrcid(form)).toMatchObject({ ok: true, orcid: '0000-0002-1825-0097' });
    }
    expect(parseOrcid('0000-0002-1694-233x')).toMatchObject({ ok: true, orcid: '0000-0002-1694-233X' });
  });

  it('rejects every one-digit change of a valid iD (MOD 11-2 catches all single substitutions)', () => {
    for (const id of VALID) {
      const raw = id.replace(/-/g, '');
      for (let pos = 0; pos < 16; pos += 1) {
        const alphabet = pos === 15 ? '0123456789X' : '0123456789';
        for (const ch of alphabet) {
          if (ch === raw[pos]) continue;
          const changed = raw.slice(0, pos) + ch + raw.slice(pos + 1);
          expect(isValidOrcid(changed), changed).toBe(false);
        }
      }
    }
    expect(parseOrcid('0000-0002-1825-0098')).toEqual({ ok: false, error: ORCID_MESSAGES.checksum });
  });

  it('says in Vietnamese what is wrong with a malformed iD', () => {
    expect(parseOrcid('   ')).toEqual({ ok: false, error: ORCID_MESSAGES.empty });
    expect(parseOrcid('0000-0002-1825')).toEqual({ ok: false, error: ORCID_MESSAGES.shape });
    expect(parseOrcid('0000-0002-1825-009A')).toEqual({ ok: false, error: ORCID_MESSAGES.characters });
    expect(parseOrcid('X000-0002-1825-0097')).toEqual({ ok: false, error: ORCID_MESSAGES.characters });
  });
});
