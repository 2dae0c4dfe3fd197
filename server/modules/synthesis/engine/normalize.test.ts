/** Known answers for the text normalisation: tone marks, NFC, TCVN3 and VNI pasted text. */
import { describe, expect, it } from 'vitest';
import { detectLegacyEncoding, normalizeText } from './normalize';

const norm = (s: string) => normalizeText(s).text;

describe('tone marks on oa, oe, uy', () => {
  it('puts the mark on the first vowel when the syllable ends there', () => {
    expect(norm('hoà giải, thuỷ lợi, sức khoẻ, Uỷ ban, UỶ BAN, goá')).toBe(
      'hòa giải, thủy lợi, sức khỏe, Ủy ban, ỦY BAN, góa',
    );
  });
  it('puts it on the second vowel when a consonant follows', () => {
    expect(norm('hòan thành, tóan học, hùynh')).toBe('hoàn thành, toán học, huỳnh');
  });
  it('leaves the other nuclei and the "qu" syllables alone', () => {
    expect(norm('quý, quỳnh, hoặc, khuya, thuyền, mùa, của')).toBe(
      'quý, quỳnh, hoặc, khuya, thuyền, mùa, của',
    );
  });
  it('composes decomposed input (NFD) and tidies white space', () => {
    const nfd = 'Kinh phi\u0301  ha\u0323n che\u0302\u0301\r\n\u00a0ho\u0300a';
    expect(norm(nfd)).toBe('Kinh phí hạn chế\nhòa');
  });
});

describe('legacy encodings', () => {
  it('reads TCVN3 (ABC) pasted as Latin-1', () => {
    expect(normalizeText('TiÕng ViÖt rÊt hay')).toEqual({
      text: 'Tiếng Việt rất hay',
      legacyEncoding: 'tcvn3',
    });
    // 0xAD (soft hyphen) is "ư" in TCVN3
    expect(norm('§­êng truyÒn internet chËp chên')).toBe('Đường truyền internet chập chờn');
    expect(norm('Uû ban nh©n d©n x·')).toBe('Ủy ban nhân dân xã');
  });
  it('reads VNI Windows', () => {
    expect(normalizeText('Tieáng Vieät raát hay')).toEqual({
      text: 'Tiếng Việt rất hay',
      legacyEncoding: 'vni',
    });
    expect(norm('Kinh phí ñaàu tö coøn thieáu')).toBe('Kinh phí đầu tư còn thiếu');
    expect(norm('UÛy ban nhaân daân tænh')).toBe('Ủy ban nhân dân tỉnh');
  });
  it('does not take Unicode Vietnamese or other Latin text for legacy text', () => {
    expect(detectLegacyEncoding('Hoàn thành toàn bộ nhiệm vụ, hoà giải ở cơ sở')).toBeNull();
    expect(detectLegacyEncoding('Hòa, toán, hoãn, ôn tập')).toBeNull();
    expect(detectLegacyEncoding('Café crème à la française')).toBeNull();
    expect(detectLegacyEncoding('')).toBeNull();
  });
});
