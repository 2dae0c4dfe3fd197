/**
 * What the browser tests share: Debian Chromium, a context as a user in Vietnam has it (signed in
 * through the API when asked), the tests' page timeouts, a log of what went wrong in the pages,
 * screenshots for docs/screens/, and axe-core once a page has settled. What a test file does with
 * them (its users, viewports, waits, what counts as a problem) stays in the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { describeBlocking, runAxe } from './axe';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DEMO_PASSWORD, ROOT } from './server';

/** Where the screenshots the documentation shows are kept. */
export const SCREENS = path.join(ROOT, 'docs/screens');

export interface Viewport {
  width: number;
  height: number;
}
export const DESKTOP: Viewport = { width: 1280, height: 900 };
/** The narrowest phone officers use. */
export const PHONE: Viewport = { width: 360, height: 780 };
/** A phone's touch screen and mobile viewport (the page's meta viewport applies), for a context. */
export const TOUCH = { isMobile: true, hasTouch: true } as const;

/** The sign-in form's fields. */
export const SIGN_IN_FORM = {
  username: '[data-testid="login-username"]',
  password: '[data-testid="login-password"]',
  submit: '[data-testid="login-submit"]',
} as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface ContextOptions
  extends Pick<BrowserContextOptions, 'isMobile' | 'hasTouch' | 'deviceScaleFactor' | 'acceptDownloads'> {
  /** the server relative URLs go to: inject('baseUrl'), or a test file's own server */
  baseUrl: string;
  viewport: Viewport;
}

/** A context as users in Vietnam have it: Vietnamese, Vietnam's time zone, URLs relative to the server. */
function newVietnameseContext(
  browser: Browser,
  { baseUrl, ...options }: ContextOptions,
): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    baseURL: baseUrl,
    ...options,
  });
}

/** Signs the context in through the API: its pages and its `request` share the session cookie. */
export async function signInContext(
  context: BrowserContext,
  username: string,
  password = DEMO_PASSWORD,
): Promise<{ csrfToken: string }> {
  const login = await context.request.post('/api/auth/login', { data: { username, password } });
  if (!login.ok()) throw new Error(`sign-in as ${username} → ${login.status()}: ${await login.text()}`);
  return (await login.json()) as { csrfToken: string };
}

export interface PageTimeouts {
  /** for an element or a load state; 30 s by default */
  timeout?: number;
  /** for a navigation; the same as `timeout` unless given */
  navigationTimeout?: number;
}

async function newPageWithTimeouts(
  context: BrowserContext,
  { timeout = 30_000, navigationTimeout }: PageTimeouts = {},
): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  if (navigationTimeout !== undefined) page.setDefaultNavigationTimeout(navigationTimeout);
  return page;
}

export interface OpenPageOptions extends ContextOptions, PageTimeouts {
  /** a demo user the context signs in as through the API before the page opens; signed out without */
  username?: string;
}

/** A new context and its first page, signed in as `username` when given. */
export async function openPage(
  browser: Browser,
  { username, timeout, navigationTimeout, ...options }: OpenPageOptions,
): Promise<[BrowserContext, Page]> {
  const context = await newVietnameseContext(browser, options);
  if (username) await signInContext(context, username);
  const page = await newPageWithTimeouts(context, { timeout, navigationTimeout });
  return [context, page];
}

/** Fills the sign-in form with the demo password, for a caller that submits it itself (a tap). */
export async function fillSignInForm(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.locator(SIGN_IN_FORM.username).fill(username);
  await page.locator(SIGN_IN_FORM.password).fill(password);
}

/**
 * Signs in through the form on the page. `beforeSubmit` runs just before the click: the place to
 * start watching the page, since before signing in /api/auth/me answers 401 (a console error).
 */
export async function signInThroughForm(page: Page, username: string, beforeSubmit?: () => void) {
  await fillSignInForm(page, username);
  beforeSubmit?.();
  await page.locator(SIGN_IN_FORM.submit).click();
}

/** Opens `target` signed out, signs in through the form it is sent to, and waits to be taken off it. */
export async function signInAt(page: Page, target: string, username: string, beforeSubmit?: () => void) {
  await page.goto(target);
  await page.waitForURL(/\/dang-nhap/);
  await signInThroughForm(page, username, beforeSubmit);
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

/** Fires a paste of `text` on the element, as Excel's clipboard hands a block of cells over. */
export async function pasteInto(input: Locator, text: string) {
  await input.focus();
  await input.evaluate((element, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, text);
}

export type ConsoleLevel = 'error' | 'warning';

export interface WatchOptions {
  /** the console messages that count as problems: none unless named */
  console?: readonly ConsoleLevel[];
  /** a console message the test provoked on purpose (a 409 it asked for): not a problem */
  provoked?: (text: string) => boolean;
}

/**
 * What went wrong in the pages a test drove: page errors, server errors (5xx answers) and the
 * console messages asked for. A page reports here for its whole life, so a page shared by several
 * tests keeps reporting; `expectNone` (in afterEach) checks and empties the log.
 */
export class PageProblems {
  private seen: string[] = [];

  watch(page: Page, { console: levels = [], provoked }: WatchOptions = {}): void {
    page.on('pageerror', (error) => this.seen.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const level = message.type();
      if (!levels.some((l) => l === level) || provoked?.(message.text())) return;
      this.seen.push(`console ${level}: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 500) {
        this.seen.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
      }
    });
  }

  /** Fails with what was seen since the last check, and starts again with an empty log. */
  expectNone(what = 'page errors or 5xx answers'): void {
    const seen = this.seen;
    this.seen = [];
    expect(seen, what).toEqual([]);
  }
}

/** Saves a screenshot to docs/screens/, animations stopped so that each run draws the same picture. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, name), animations: 'disabled', ...options });
}

/**
 * Waits until the page has settled: no request in flight, nothing matching `loading` left, and
 * antd's fade-in (about 0.3 s) over — axe would measure the contrast of a half-drawn text.
 */
export async function settle(page: Page, loading = '.ant-spin-spinning') {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction((selector) => document.querySelector(selector) === null, loading);
  await page.waitForTimeout(500);
}

/** The serious and critical axe-core findings (WCAG 2.1 AA) once the page has settled, one line each. */
export async function blockingFindingsWhenSettled(page: Page, where: string): Promise<string[]> {
  await settle(page);
  return describeBlocking(where, await runAxe(page));
}
