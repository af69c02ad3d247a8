import { AddressInfo, createServer } from 'node:net';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { DemoSeed } from '../../src/demo/demo-seed';
import { currentFiscalYear, formatAmount } from '../../apps/web/src/format';
import { createTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, seriousViolations } from '../support/browser';
import { IDP_USERS, IdentityProvider, startIdentityProvider } from '../support/oidc-idp';

/** A free port for the API: the identity provider must know the app's address before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const bearerOf = (request: Request): string | undefined => request.headers()['authorization']?.replace(/^Bearer /, '');

/**
 * Sign-in in production shape: the web app against a real OpenID Connect provider (oidc-provider
 * in its own process) with the authorization code flow and PKCE, in Debian's Chromium. The user
 * signs in on the provider's page, the app calls the API with the provider's token, renews it
 * before it expires without the user noticing, keeps the sign-in across a reload while the
 * provider's session lasts, and signs out at the provider.
 */
describe('sign-in through the identity provider in the browser', () => {
  let idp: IdentityProvider;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const year = currentFiscalYear();

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Short-lived tokens, so that the app renews one during the test (a minute before expiry).
    idp = await startIdentityProvider({ appOrigin: base, accessTokenTtlSeconds: 75 });
    t = await createTestApp({ AUTH_JWKS_URL: idp.jwksUrl, AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: idp.audience });
    await t.app.get(DemoSeed).seed();
    await t.settle();
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    page = await context.newPage();
  });
  afterEach(async () => {
    const state = (expect as unknown as { getState(): { currentTestName?: string } }).getState();
    await screenshot(page, `last-oidc-${(state.currentTestName ?? 'page').replace(/[^A-Za-z0-9äöüß-]+/g, '-').slice(0, 80)}`).catch(() => undefined);
    await context.close();
  });

  const signInAtProvider = async (user: { username: string; password: string }) => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Anmeldung über den Identitätsanbieter Ihrer Verwaltung' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    // The provider's own page, on its own origin.
    await page.waitForURL((url) => url.origin === new URL(idp.issuer).origin);
    await page.getByLabel('Benutzername').fill(user.username);
    await page.getByLabel('Passwort').fill(user.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
  };

  it('signs the controller in on the provider page, then shows the API figures read with its token', async () => {
    const apiRequest = page.waitForRequest((r) => r.url().startsWith(`${base}/budgets`) && !!bearerOf(r));
    await signInAtProvider(IDP_USERS.controller);
    expect(new URL(page.url()).search).toBe('');
    await page.getByText(IDP_USERS.controller.name).waitFor();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Übersicht.*${year}`) }).waitFor();

    // The token the browser sends is the provider's, and the API answers it.
    const token = bearerOf(await apiRequest)!;
    const budgets = await t.http().get(`/budgets?fiscalYear=${year}`).set('authorization', `Bearer ${token}`);
    expect(budgets.status).toBe(200);
    expect(budgets.body.items.length).toBeGreaterThan(0);
    for (const budget of budgets.body.items) {
      await page.getByRole('row').filter({ hasText: budget.sozialraumId }).getByText(formatAmount(budget.total)).first().waitFor();
    }
    // Tokens stay in memory: nothing of them in the tab's storage.
    // Through globalThis: the test is compiled without the DOM's types.
    const stored = await page.evaluate(() => {
      const window = globalThis as unknown as { sessionStorage: Record<string, string>; localStorage: Record<string, string> };
      return JSON.stringify([Object.values(window.sessionStorage), Object.values(window.localStorage)]);
    });
    expect(stored).not.toContain(token);
    await screenshot(page, 'oidc-uebersicht');
  });

  it('renews the token before it expires and keeps reading with the new one', async () => {
    await signInAtProvider(IDP_USERS.controller);
    const first = bearerOf(await page.waitForRequest((r) => r.url().startsWith(base) && !!bearerOf(r)));
    // The renewal goes to the provider's token endpoint with the refresh token, without a page change.
    await page.waitForRequest((r) => r.url().startsWith(idp.issuer) && r.method() === 'POST' && (r.postData() ?? '').includes('grant_type=refresh_token'), {
      timeout: 60_000,
    });
    const renewed = await page.waitForResponse((r) => r.url().startsWith(base) && !!bearerOf(r.request()) && bearerOf(r.request()) !== first, {
      timeout: 60_000,
    });
    expect(renewed.status()).toBe(200);
    await page.getByText(IDP_USERS.controller.name).waitFor();
  }, 150_000);

  it('keeps the sign-in across a reload while the provider session lasts, and signs out at the provider', async () => {
    await signInAtProvider(IDP_USERS.controller);
    await page.reload();
    // Asked silently in a hidden frame: no sign-in page, the Übersicht again.
    await page.getByRole('heading', { level: 1, name: new RegExp(`Übersicht.*${year}`) }).waitFor();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { name: 'Anmeldung über den Identitätsanbieter Ihrer Verwaltung' }).waitFor();
    await page.waitForURL((url) => url.origin === base && url.search === '');
    // The provider's session has ended too: a reload does not sign in again.
    await page.reload();
    await page.getByRole('button', { name: 'Anmelden' }).waitFor();
    expect(await page.getByRole('button', { name: 'Abmelden' }).count()).toBe(0);
  });

  it('shows a provider user only its own organisation, as the API says', async () => {
    await signInAtProvider(IDP_USERS.providerTrE);
    await page
      .getByText(/Träger TR-E/)
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: 'Prüfkette' }).count()).toBe(0);
  });
});
