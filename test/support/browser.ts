import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { TestApp } from './test-app';
import AxeBuilder from '@axe-core/playwright';

/** Debian's Chromium, headless, without the background traffic a closed network refuses. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    // --lang: date inputs show the German format (TT.MM.JJJJ) the users see.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=de-DE'],
  });
}

export const SCREENSHOTS = join(__dirname, '../../dist/screenshots');

/** A screenshot of the page, for the user guides and for a failed test. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The accessibility violations of the page that are serious or critical (WCAG 2.1 AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * A browser test file's life cycle: the app from `setup` served on a free port, one Chromium for
 * the file, a fresh German context and page per test, and a screenshot of the page a test leaves
 * (for a failed one, what it saw).
 */
export function browserSuite(setup: () => Promise<TestApp>): { app(): TestApp; page(): Page; base(): string } {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let base = '';
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    t = await setup();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await browser!.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    page = await context.newPage();
  });
  afterEach(async () => {
    const state = (expect as unknown as { getState(): { currentTestName?: string } }).getState();
    if (page) await screenshot(page, `last-${(state.currentTestName ?? 'page').replace(/[^A-Za-z0-9äöüß-]+/g, '-').slice(0, 80)}`).catch(() => undefined);
    await context?.close();
  });

  return { app: () => t!, page: () => page!, base: () => base };
}
