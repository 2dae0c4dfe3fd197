import { describe, expect, it } from 'vitest';
import { CONTROL_CHARACTER_MESSAGE, optionalText, requiredText, text, webLink } from './fields';

describe('text fields', () => {
  it('refuse control characters (NUL, ESC, DEL…) with the Vietnamese message, allow tab and line breaks', () => {
    for (const schema of [text(100), requiredText(100), optionalText(100)]) {
      for (const bad of ['a\u0000b', '\u0007', 'x\u001b[31m', 'y\u007f']) {
        const result = schema.safeParse(bad);
        expect(result.success, JSON.stringify(bad)).toBe(false);
        expect(result.error?.issues[0]).toMatchObject({
          message: CONTROL_CHARACTER_MESSAGE,
          params: { code: 'control_character' },
        });
      }
      expect(schema.safeParse('Dòng 1\n\tDòng 2\r\n').success).toBe(true);
    }
  });
});

describe('links', () => {
  it('accept http and https only', () => {
    const link = webLink(1000);
    for (const ok of ['https://nghean.gov.vn/a?b=1', 'http://10.0.0.5/tai-lieu', 'HTTPS://EXAMPLE.VN']) {
      expect(link.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
      'ftp://example.vn',
      'https://',
      'nghean.gov.vn',
      'https://example.vn/\u0000',
    ]) {
      expect(link.safeParse(bad).success, bad).toBe(false);
    }
  });
});
