import { createTestApp, TestApp } from '../../support/test-app';
import { createExampleApi, ExampleApi } from '../support/endpoint-examples';
import { freshBudget } from '../support/example-setup';

/**
 * Unread notifications per user: GET /notifications/unread counts per Sozialraum-year what was
 * recorded after the user's read mark; PUT /notifications/read-mark moves the mark forward.
 */
describe('read marks of the steering notifications', () => {
  let t: TestApp;
  let api: ExampleApi;
  let first: string;
  let second: string;
  let caseNo = 0;

  async function token(role: 'controller' | 'caseworker' | 'wiju', sub: string) {
    return `Bearer ${await t.token({ role, sub })}`;
  }
  async function unread(auth: string, query = '') {
    const res = await t.http().get(`/notifications/unread${query}`).set('authorization', auth);
    expect(res.status).toBe(200);
    return res.body;
  }
  function mark(auth: string, readUpTo: unknown, headers: Record<string, string> = {}) {
    let req = t.http().put('/notifications/read-mark').set('authorization', auth);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return req.send({ readUpTo });
  }
  /** An approval that pushes the Sozialraum's 2025 forecast past 110 %: three notifications. */
  async function overrun(sozialraumId: string) {
    const caseRef = `RM-25-${String(100 + ++caseNo)}`;
    await api.call('caseworker', 'POST', '/cases', { caseRef, sozialraumId });
    await api.call('caseworker', 'POST', `/cases/${caseRef}/approvals`, {
      legalBasis: '35',
      providerId: 'TR-E',
      start: '2025-01-01',
      end: '2025-12-31',
      bescheidDate: '2025-03-03',
      rateType: 'monthly',
      rate: '25000.00',
      rateReason: 'Intensivbetreuung, Einzelvereinbarung',
    });
    await t.settle();
  }
  async function notifications(sozialraumId: string) {
    const res = await t
      .http()
      .get(`/notifications?sozialraumId=${sozialraumId}`)
      .set('authorization', await token('controller', 'anyone'));
    return res.body.items as Array<{ position: string; type: string }>;
  }
  const newest = (items: Array<{ position: string }>) =>
    items
      .map((i) => BigInt(i.position))
      .reduce((a, b) => (a > b ? a : b))
      .toString();

  beforeAll(async () => {
    t = await createTestApp();
    api = createExampleApi(t);
    first = await freshBudget(api);
    second = await freshBudget(api);
    await overrun(first);
  });
  afterAll(async () => t?.close());

  it('counts every notification as unread while the user has never opened them', async () => {
    const items = await notifications(first);
    expect(items.map((i) => i.type).sort()).toEqual(['BudgetWarningRaised', 'OverrunProcedureOpened', 'RenegotiationTriggered']);
    expect(items.every((i) => /^\d+$/.test(i.position))).toBe(true);
    const body = await unread(await token('controller', 'ctl-a'));
    expect(body).toMatchObject({ readUpTo: null, readAt: null });
    expect(body.items).toContainEqual({ sozialraumId: first, fiscalYear: 2025, unread: 3 });
    expect(body.items.find((r: any) => r.sozialraumId === second)).toBeUndefined();
    expect(body.unread).toBe(body.items.reduce((sum: number, r: any) => sum + r.unread, 0));
  });

  it('counts none after the mark is set to the newest notification, and what is recorded later as new', async () => {
    const auth = await token('controller', 'ctl-b');
    const position = newest(await notifications(first));
    const res = await mark(auth, position);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ readUpTo: position, readAt: expect.any(String) });
    expect((await unread(auth)).items.find((r: any) => r.sozialraumId === first)).toBeUndefined();

    await overrun(second);
    const after = await unread(auth);
    expect(after.items.filter((r: any) => [first, second].includes(r.sozialraumId))).toEqual([{ sozialraumId: second, fiscalYear: 2025, unread: 3 }]);
    expect(after.readUpTo).toBe(position);
    // Another user's mark is their own: for them both Sozialräume are unread.
    const other = await unread(await token('wiju', 'wiju-b'));
    expect(other.items.filter((r: any) => [first, second].includes(r.sozialraumId)).map((r: any) => r.unread)).toEqual([3, 3]);
    expect((await unread(auth, '?fiscalYear=2026')).items).toEqual([]);
  });

  it('only moves forward: an older position leaves the mark and the answer names the one in force', async () => {
    const auth = await token('caseworker', 'cw-c');
    const items = await notifications(first);
    const top = newest(items);
    await mark(auth, top);
    const older = await mark(
      auth,
      items.map((i) => i.position).find((p) => p !== top),
    );
    expect(older.status).toBe(200);
    expect(older.body.readUpTo).toBe(top);
    expect((await unread(auth)).readUpTo).toBe(top);
  });

  it('refuses a position beyond the newest notification, a malformed one and a stale If-Match, and changes nothing', async () => {
    const auth = await token('controller', 'ctl-d');
    const top = newest([...(await notifications(first)), ...(await notifications(second))]);
    expect((await mark(auth, top)).status).toBe(200);

    const beyond = await mark(auth, (BigInt(top) + 1_000_000n).toString());
    expect(beyond.status).toBe(422);
    expect(beyond.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(beyond.body).toMatchObject({ type: expect.stringMatching(/read-mark-beyond-notifications$/) });
    expect(beyond.body.detail).toContain('readUpTo');

    for (const bad of ['abc', '0', 12, '-3']) {
      const res = await mark(auth, bad);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toContain('readUpTo');
    }

    const stale = await mark(auth, top, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect((await unread(auth)).readUpTo).toBe(top);
    const current = await mark(auth, top, { 'if-match': `"${top}"` });
    expect(current.status).toBe(200);
  });

  it('answers a retry with the same Idempotency-Key with the stored answer', async () => {
    const auth = await token('controller', 'ctl-e');
    const position = newest(await notifications(first));
    const once = await mark(auth, position, { 'idempotency-key': 'read-mark-e-1' });
    const again = await mark(auth, position, { 'idempotency-key': 'read-mark-e-1' });
    expect(once.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(once.body);
  });
});
