/**
 * The JavaScript budget of the first pages on a commune's 4G (issue 10, item 7), from the manifest of
 * the web build the global setup made: the gzip bytes of the entry chunk, the page's lazy chunks and
 * everything they import statically (scripts/bundle-budget.ts; `npm run bundle:budget` prints them).
 * The sign-in page and the officer's report page: 250 KB each. What loads after the page (the
 * header's menus and bell, antd's message/modal hosts, the indicator grid, dialogs) is not counted:
 * it is not a static import of the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { manifestPath, PAGE_BUDGET_GZIP, pageWeights, WEB_DIST } from '../scripts/bundle-budget';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe.runIf(fs.existsSync(manifestPath()))('the JavaScript the first pages load', () => {
  const pages = pageWeights();
  const page = (name: string) => pages.find((p) => p.name.startsWith(name))!;

  test(`the sign-in page loads at most ${kb(PAGE_BUDGET_GZIP)} of JavaScript (gzip)`, () => {
    const signIn = page('sign-in');
    expect(signIn.gzip, `${kb(signIn.gzip)}: ${signIn.files.join(', ')}`).toBeLessThanOrEqual(
      PAGE_BUDGET_GZIP,
    );
  });

  test(`the officer’s report page loads at most ${kb(PAGE_BUDGET_GZIP)} of JavaScript (gzip)`, () => {
    const report = page('report');
    expect(report.gzip, `${kb(report.gzip)}: ${report.files.join(', ')}`).toBeLessThanOrEqual(
      PAGE_BUDGET_GZIP,
    );
  });

  test('zod stays on the server: no schema in the first load of the sign-in or report page', () => {
    // A value imported at run time from common/contracts/* (or a schema of common/periods.ts used
    // by any page) makes zod (~23 KB gzip) a static import of every page that shares those modules.
    // Import types only (`import type`), or move the constant out of the contract (common/enums.ts).
    for (const name of ['sign-in', 'report']) {
      const zod = page(name).files.filter((file) =>
        /\bZodError\b|_zod\.def|"\$ZodType"/.test(fs.readFileSync(path.join(WEB_DIST, file), 'utf8')),
      );
      expect(zod, `${name}: zod in ${zod.join(', ')}`).toEqual([]);
    }
  });

  test('charts load only where drawn', () => {
    // echarts is in the indicator page's chunks, in none of the others
    const charts = page('indicator');
    const echarts = (files: string[]) =>
      files.filter((file) => fs.readFileSync(path.join(WEB_DIST, file), 'utf8').includes('echarts'));
    expect(echarts(charts.files).length).toBeGreaterThan(0);
    for (const other of pages.filter((p) => p !== charts)) {
      expect(echarts(other.files), other.name).toEqual([]);
    }
  });
});
