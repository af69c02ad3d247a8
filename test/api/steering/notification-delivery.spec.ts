import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { NotificationDispatcher } from '../../../src/steering/delivery/notification-dispatcher';
import { MAX_ATTEMPTS, notificationId } from '../../../src/steering/delivery/delivery-rules';
import { createTestApp, TestApp } from '../../support/test-app';
import { startSmtp } from '../../support/smtp-server';
import { createExampleApi, ExampleApi } from '../support/endpoint-examples';
import { freshBudget } from '../support/example-setup';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on this machine: fails the first `failNext` requests (or every one to /down) and deduplicates on Idempotency-Key. */
class Receiver {
  readonly requests: Received[] = [];
  readonly accepted = new Map<string, Received>();
  failNext = 0;
  private server!: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const received = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(received);
        if (received.path === '/down' || this.failNext > 0) {
          if (received.path !== '/down') this.failNext--;
          res.writeHead(503).end();
          return;
        }
        const key = String(req.headers['idempotency-key']);
        if (!this.accepted.has(key)) this.accepted.set(key, received);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  to(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A real SMTP server without authentication that keeps every message it is handed. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SECRET = 'test-secret-of-the-receiver-0001';
const HOUR = 3600_000;

/**
 * Delivery of steering notifications through the outbox: a real SMTP server and a local HTTP
 * receiver; delivery, retry after the receiver failed, dead letters, and no duplicate towards
 * the receiver after a crash between send and mark.
 */
describe('delivered notifications', () => {
  let t: TestApp;
  let api: ExampleApi;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const receiver = new Receiver();
  let dispatcher: NotificationDispatcher;
  let caseNo = 0;

  async function admin() {
    return `Bearer ${await t.token({ role: 'admin', sub: 'admin-1' })}`;
  }
  async function subscribe(body: Record<string, unknown>) {
    const res = await t
      .http()
      .post('/notification-subscriptions')
      .set('authorization', await admin())
      .send(body);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/notification-subscriptions?subscriptionId=${res.body.subscriptionId}`);
    return res.body as { subscriptionId: string };
  }
  /** An approval that pushes the Sozialraum's 2025 forecast past 110 %: warning, procedure, renegotiation. */
  async function overrun(sozialraumId: string) {
    const caseRef = `ND-25-${String(100 + ++caseNo)}`;
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
  /** The threshold watch appends the notifications after it read the approval: wait for their rows. */
  async function rowsOf(subscriptionId: string, count: number) {
    await until(async () => (await outbox(subscriptionId)).length >= count);
    return outbox(subscriptionId);
  }
  async function outbox(subscriptionId: string) {
    const { rows } = await t.db.query(
      `select o.notification_id, o.event_id, d.status, d.attempts, d.next_attempt_at, d.last_error
         from notification_outbox o join notification_deliveries d on d.notification_id = o.notification_id
        where o.subscription_id = $1 order by o.global_position`,
      [subscriptionId],
    );
    return rows as Array<{ notification_id: string; event_id: string; status: string; attempts: number; next_attempt_at: Date; last_error: string | null }>;
  }
  const verifies = (r: Received) => {
    const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`);
    const given = Buffer.from(String(r.headers['x-signature']));
    return expected.length === given.length && timingSafeEqual(expected, given);
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    await receiver.start();
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Sozialraumbudget <steuerung@jugendamt.example>' });
    api = createExampleApi(t);
    dispatcher = t.app.get(NotificationDispatcher);
  });
  afterAll(async () => {
    await t?.close();
    await receiver.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('delivers a threshold crossing as exactly one mail and one signed webhook, from the running dispatcher', async () => {
    const sozialraumId = await freshBudget(api);
    const types = ['BudgetWarningRaised'];
    const mail = await subscribe({ channel: 'email', target: 'steuerung@jugendamt.example', role: 'controller', sozialraumId, types });
    const hook = await subscribe({ channel: 'webhook', target: receiver.url('/hook'), role: 'controller', sozialraumId, types, secret: SECRET });
    await overrun(sozialraumId);

    await until(async () => (await outbox(mail.subscriptionId))[0]?.status === 'sent' && (await outbox(hook.subscriptionId))[0]?.status === 'sent');
    // Two more ticks: nothing further is sent.
    await new Promise((r) => setTimeout(r, 2_500));

    const [mailRow] = await outbox(mail.subscriptionId);
    const [hookRow] = await outbox(hook.subscriptionId);
    expect(await outbox(mail.subscriptionId)).toHaveLength(1);
    expect(await outbox(hook.subscriptionId)).toHaveLength(1);
    expect(mailRow.notification_id).toBe(notificationId(mailRow.event_id, mail.subscriptionId));

    const mails = smtp.messages.filter((m) => m.includes(mailRow.notification_id));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/^To: steuerung@jugendamt\.example/m);
    expect(mails[0]).toMatch(new RegExp(`^X-Notification-Id: ${mailRow.notification_id}`, 'mi'));
    expect(mails[0]).toMatch(new RegExp(`^Message-ID: <${mailRow.notification_id}@sozialraumbudget>`, 'mi'));

    const hooks = receiver.to('/hook');
    expect(hooks).toHaveLength(1);
    expect(verifies(hooks[0])).toBe(true);
    expect(hooks[0].headers['idempotency-key']).toBe(hookRow.notification_id);
    expect(hooks[0].headers['x-notification-id']).toBe(hookRow.notification_id);
    const body = JSON.parse(hooks[0].body);
    expect(body).toMatchObject({ notificationId: hookRow.notification_id, type: 'BudgetWarningRaised', sozialraumId, fiscalYear: 2025, tenantId: 'HRO-JA' });
    // The notification id is the same for every channel of one event only if the subscription is too.
    expect(body.eventId).toBe(mailRow.event_id);
    expect(hookRow.notification_id).not.toBe(mailRow.notification_id);
  });

  it('writes each outbox row once, also when the outbox is rebuilt from the log, and sends nothing again', async () => {
    const dump = async () =>
      (await t.db.query('select notification_id, event_id, subscription_id, payload from notification_outbox order by notification_id')).rows;
    const deliveries = async () => (await t.db.query('select notification_id, status, attempts from notification_deliveries order by notification_id')).rows;
    const [outboxBefore, deliveriesBefore, requests, mails] = [await dump(), await deliveries(), receiver.requests.length, smtp.messages.length];
    expect(outboxBefore.length).toBeGreaterThan(0);
    await t.app.get(ProjectionRunner).rebuild('notification-outbox');
    await t.settle();
    expect(await dump()).toEqual(outboxBefore);
    expect(await deliveries()).toEqual(deliveriesBefore);
    // Two ticks of the running dispatcher: nothing is sent again.
    await new Promise((r) => setTimeout(r, 2_500));
    expect([receiver.requests.length, smtp.messages.length]).toEqual([requests, mails]);
  });

  describe('with the timer stopped, step by step', () => {
    beforeAll(async () => dispatcher.stop());

    it('retries after the receiver failed, with backoff, and sends the same id again', async () => {
      const sozialraumId = await freshBudget(api);
      const hook = await subscribe({
        channel: 'webhook',
        target: receiver.url('/retry'),
        role: 'wiju',
        sozialraumId,
        types: ['OverrunProcedureOpened'],
        secret: SECRET,
      });
      await overrun(sozialraumId);
      await rowsOf(hook.subscriptionId, 1);
      receiver.failNext = 2;

      expect(await dispatcher.deliverDue()).toBe(1);
      let [row] = await outbox(hook.subscriptionId);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'webhook answered 503' });
      expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
      // Not due yet: nothing is sent.
      expect(await dispatcher.deliverDue()).toBe(0);

      expect(await dispatcher.deliverDue({ now: new Date(Date.now() + HOUR) })).toBe(1);
      expect(await dispatcher.deliverDue({ now: new Date(Date.now() + 2 * HOUR) })).toBe(1);
      [row] = await outbox(hook.subscriptionId);
      expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
      const requests = receiver.to('/retry');
      expect(requests).toHaveLength(3);
      expect(new Set(requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set([row.notification_id]));
      expect(new Set(requests.map((r) => r.body)).size).toBe(1);
      expect(requests.every(verifies)).toBe(true);
    });

    it('moves a notification to the dead letters after the last failed attempt', async () => {
      const sozialraumId = await freshBudget(api);
      const hook = await subscribe({
        channel: 'webhook',
        target: receiver.url('/down'),
        role: 'controller',
        sozialraumId,
        types: ['RenegotiationTriggered'],
        secret: SECRET,
      });
      await overrun(sozialraumId);
      await rowsOf(hook.subscriptionId, 1);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await dispatcher.deliverDue({ now: new Date(Date.now() + attempt * 7 * HOUR) })).toBe(1);
      }
      expect(await dispatcher.deliverDue({ now: new Date(Date.now() + 100 * HOUR) })).toBe(0);
      const [row] = await outbox(hook.subscriptionId);
      expect(row).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
      expect(receiver.to('/down')).toHaveLength(MAX_ATTEMPTS);

      const res = await t
        .http()
        .get('/notifications/dead-letters')
        .set('authorization', await admin());
      expect(res.status).toBe(200);
      expect(res.body.items).toContainEqual(
        expect.objectContaining({
          notificationId: row.notification_id,
          subscriptionId: hook.subscriptionId,
          channel: 'webhook',
          type: 'RenegotiationTriggered',
          attempts: MAX_ATTEMPTS,
          lastError: 'webhook answered 503',
        }),
      );
    });

    it('ends a subscription: what was pending for it is cancelled, and nothing recorded later is written for it', async () => {
      const sozialraumId = await freshBudget(api);
      const hook = await subscribe({ channel: 'webhook', target: receiver.url('/ended'), role: 'controller', sozialraumId, secret: SECRET });
      await overrun(sozialraumId);
      expect((await rowsOf(hook.subscriptionId, 3)).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);

      const ended = await t
        .http()
        .post(`/notification-subscriptions/${hook.subscriptionId}/ending`)
        .set('authorization', await admin())
        .send({ reason: 'Empfänger abgeschaltet' });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ subscriptionId: hook.subscriptionId, endReason: 'Empfänger abgeschaltet', endedAt: expect.any(String) });
      expect((await outbox(hook.subscriptionId)).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      while ((await dispatcher.deliverDue()) > 0);
      expect(receiver.to('/ended')).toEqual([]);

      // A later notification of the same Sozialraum (the procedure's report to the Kämmerei) reaches a
      // subscription made now, never the ended one.
      const other = await subscribe({ channel: 'webhook', target: receiver.url('/still'), role: 'controller', sozialraumId, secret: SECRET });
      await api.call('controller', 'POST', `/steering/${sozialraumId}/2025/procedure/kaemmerei-report`, {
        reference: 'Vorlage 2025/KÄ-018',
        reportedOn: '2025-03-10',
      });
      await rowsOf(other.subscriptionId, 1);
      await t.settle();
      expect(await outbox(hook.subscriptionId)).toHaveLength(3);
      while ((await dispatcher.deliverDue()) > 0);
      expect(receiver.to('/still')).toHaveLength(1);
      const again = await t
        .http()
        .post(`/notification-subscriptions/${hook.subscriptionId}/ending`)
        .set('authorization', await admin())
        .send({ reason: 'nochmals' });
      expect(again.body).toMatchObject({ status: 409, type: '/problems/subscription-ended' });
      const unknown = await t
        .http()
        .post('/notification-subscriptions/0b6c8f52-3f0e-4d8a-9a41-6c1f2d7e9b10/ending')
        .set('authorization', await admin())
        .send({ reason: 'x' });
      expect(unknown.status).toBe(404);
    });

    it('sends a notification again with the same id when the dispatcher dies between send and mark: the receiver has it once', async () => {
      const sozialraumId = await freshBudget(api);
      const hook = await subscribe({ channel: 'webhook', target: receiver.url('/crash'), role: 'controller', sozialraumId, secret: SECRET });
      await overrun(sozialraumId);
      const rows = await rowsOf(hook.subscriptionId, 3);
      expect(rows.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);

      // The worker is killed after the receiver accepted the first notification, before it was marked.
      let crashed: string | null = null;
      await expect(
        dispatcher.deliverDue({
          afterSend: (id) => {
            crashed = id;
            throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
      expect(crashed).not.toBeNull();
      const { rows: afterCrash } = await t.db.query('select status, attempts from notification_deliveries where notification_id = $1', [crashed]);
      expect(afterCrash[0]).toEqual({ status: 'pending', attempts: 0 });

      // A restarted worker (two at once here) sends what is pending; skip locked keeps them off each other's rows.
      const attempted = await Promise.all([dispatcher.deliverDue(), dispatcher.deliverDue()]);
      expect(attempted[0] + attempted[1]).toBe(3);
      expect((await outbox(hook.subscriptionId)).map((r) => [r.notification_id, r.status, r.attempts])).toEqual(
        rows.map((r) => [r.notification_id, 'sent', 1]),
      );

      // Four requests for three notifications: the crashed one twice, with the same id and body; the receiver keeps each id once.
      const ids = rows.map((r) => r.notification_id);
      const requests = receiver.to('/crash');
      expect(requests).toHaveLength(4);
      const resent = requests.filter((r) => r.headers['idempotency-key'] === crashed);
      expect(resent).toHaveLength(2);
      expect(resent[0].body).toBe(resent[1].body);
      expect(ids).toContain(crashed);
      expect(ids.every((id) => receiver.accepted.has(id))).toBe(true);
      expect([...receiver.accepted.keys()].filter((id) => ids.includes(id))).toHaveLength(3);
    });
  });

  it('refuses a plain-HTTP webhook elsewhere than this machine, one without a secret, and types the role does not receive', async () => {
    const auth = await admin();
    const post = (body: Record<string, unknown>) => t.http().post('/notification-subscriptions').set('authorization', auth).send(body);
    expect((await post({ channel: 'webhook', target: 'http://steuerung.example.de/hook', role: 'controller', secret: SECRET })).status).toBe(422);
    expect((await post({ channel: 'webhook', target: 'https://steuerung.example.de/hook', role: 'controller' })).status).toBe(422);
    expect((await post({ channel: 'email', target: 'keine-adresse', role: 'controller' })).status).toBe(422);
    const res = await post({ channel: 'email', target: 'traeger@example.de', role: 'provider', types: ['UnderrunDetected'] });
    expect(res.status).toBe(422);
    expect(res.body.type).toMatch(/subscription-types-not-for-role$/);
    const list = await t.http().get('/notification-subscriptions').set('authorization', auth);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(2);
    expect(list.body.items.every((s: Record<string, unknown>) => !('secret' in s))).toBe(true);
    const first = list.body.items[0];
    const one = await t.http().get(`/notification-subscriptions?subscriptionId=${first.subscriptionId}`).set('authorization', auth);
    expect(one.body.items).toEqual([first]);
    const elsewhere = await t
      .http()
      .get(`/notification-subscriptions?subscriptionId=${first.subscriptionId}`)
      .set('authorization', `Bearer ${await t.token({ role: 'admin', tenant: 'HRO-XY' })}`);
    expect(elsewhere.body.items).toEqual([]);
  });
});
