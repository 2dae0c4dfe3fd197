import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../server/db/sql';
import { createTestContext, type TestContext } from '../server/test/context';
import { compareVietnamese, foldForSearch, VIETNAMESE_ALPHABET, vietnameseSortKey } from './vietnamese';

describe('Vietnamese ordering', () => {
  it('orders the alphabet, then tones', () => {
    const words = [
      'xã',
      'ưu',
      'ăn',
      'đi',
      'anh',
      'dê',
      'ân',
      'ba',
      'bà',
      'bả',
      'bã',
      'bá',
      'bạ',
      'ơn',
      'ôm',
      'oa',
    ];
    expect([...words].sort(compareVietnamese)).toEqual([
      'anh',
      'ăn',
      'ân',
      'ba',
      'bà',
      'bả',
      'bã',
      'bá',
      'bạ',
      'dê',
      'đi',
      'oa',
      'ôm',
      'ơn',
      'ưu',
      'xã',
    ]);
  });

  it('ignores case for the letter order', () => {
    expect(compareVietnamese('Đà Nẵng', 'đà nẵng')).toBe(0);
    expect(compareVietnamese('Ân', 'anh')).toBeGreaterThan(0);
  });

  it('folds diacritics for search', () => {
    expect(foldForSearch('Chuyển đổi số ĐẠI')).toBe('chuyen doi so dai');
  });
});

describe('SQL vi_sort_key and f_search agree with the TypeScript versions', () => {
  let database: TestContext;
  beforeAll(async () => {
    database = await createTestContext();
  });
  afterAll(async () => {
    await database?.close();
  });

  const letters = [
    ...`${VIETNAMESE_ALPHABET}${VIETNAMESE_ALPHABET.toUpperCase()}àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ 0123456789-`,
  ];
  const word = fc.array(fc.constantFrom(...letters), { minLength: 0, maxLength: 12 }).map((a) => a.join(''));

  it('for random Vietnamese strings', async () => {
    const samples = fc.sample(word, 200);
    const rows = rowsOf<{ k: string; f: string }>(
      await database.db.execute(
        sql`select vi_sort_key(w) as k, f_search(w) as f
          from jsonb_array_elements_text(${JSON.stringify(samples)}::jsonb) with ordinality as t(w, n) order by n`,
      ),
    );
    rows.forEach((row, i) => {
      expect(row.k, samples[i]).toBe(vietnameseSortKey(samples[i]!));
      expect(row.f, samples[i]).toBe(foldForSearch(samples[i]!));
    });
  });
});
