/**
 * axe-core in the browser tests: injects the library into a Playwright page, runs the WCAG 2.1 A
 * and AA rules on the whole document, and describes what it finds in a form a failing test prints.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** The rules of WCAG 2.0 and 2.1, levels A and AA: what Vietnamese public services are held to. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** What fails a test: axe's two highest impacts. Moderate and minor findings are only counted. */
export const BLOCKING = new Set(['serious', 'critical']);

export interface AxeFinding {
  /** rule id, e.g. color-contrast */
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** one entry per failing element: its CSS selector and axe's summary of why it fails */
  nodes: { target: string; summary: string }[];
}

/** Runs axe on the page as it is now (injected once per document; a navigation drops it). */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  const present = await page.evaluate(() => 'axe' in window);
  // evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses a script tag
  if (!present) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
  }, WCAG_TAGS);
  return violations;
}

/** The serious and critical findings, one line per failing element, for the test's message. */
export function describeBlocking(where: string, findings: AxeFinding[]): string[] {
  return findings
    .filter((f) => BLOCKING.has(f.impact))
    .flatMap((f) =>
      f.nodes.map((n) => `${where}: ${f.id} (${f.impact}) ${n.target} — ${f.help}. ${n.summary}`.trim()),
    );
}

/** Failing elements per rule and impact, e.g. { 'color-contrast/serious': 12 }. */
export function countByRule(findings: AxeFinding[], into: Record<string, number> = {}) {
  for (const f of findings) {
    const key = `${f.id}/${f.impact}`;
    into[key] = (into[key] ?? 0) + f.nodes.length;
  }
  return into;
}

/** The page's layout width, to compare with the viewport (no sideways scrolling on a phone). */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
