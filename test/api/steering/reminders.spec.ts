import { addDays, todayInBerlin } from '../../../libs/calendar';
import { NotificationDispatcher } from '../../../src/steering/delivery/notification-dispatcher';
import { ReminderScheduler } from '../../../src/steering/reminders/reminder-scheduler';
import { startSmtp } from '../../support/smtp-server';
import { createTestApp, TestApp } from '../../support/test-app';
import { createExampleApi, ExampleApi } from '../support/endpoint-examples';
import { freshBudget } from '../support/example-setup';

/**
 * Reminders of work left waiting, raised on the steering stream by the scheduler and delivered as
 * notifications: the steering meeting of an overrun procedure past its 14 days, invoices waiting
 * for the four eyes longer than the rule allows, a settlement lacking a confirmation. Once per
 * subject and week, however often and by however many processes the scheduler runs.
 */
describe('reminders of waiting work', () => {
  let t: TestApp;
  let api: ExampleApi;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let scheduler: ReminderScheduler;
  let overrunSr = '';
  let settledSr = '';
  // A day well after everything the setup books: the invoices submitted today wait longer than 5 days then.
  const later = addDays(todayInBerlin(), 6);
  const steeringEvents = async (sozialraumId: string, types: string[]) =>
    (
      await t.db.query(`select type, data from es_events where stream_id = $1 and type = any($2) order by global_position`, [
        `HRO-JA/steering/${sozialraumId}/2025`,
        types,
      ])
    ).rows;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Sozialraumbudget <steuerung@jugendamt.example>' });
    api = createExampleApi(t);
    scheduler = t.app.get(ReminderScheduler);

    overrunSr = await freshBudget(api);
    await api.call('caseworker', 'POST', '/cases', { caseRef: 'RM-25-101', sozialraumId: overrunSr });
    const granted = await api.call('caseworker', 'POST', '/cases/RM-25-101/approvals', {
      legalBasis: '35',
      providerId: 'TR-E',
      start: '2025-01-01',
      end: '2025-12-31',
      bescheidDate: '2025-03-03',
      rateType: 'monthly',
      rate: '25000.00',
      rateReason: 'Intensivbetreuung, Einzelvereinbarung',
    });
    await api.call('provider', 'POST', `/cases/RM-25-101/approvals/${granted.approvalId}/invoices`, { serviceMonth: '2025-03', invoiceNumber: 'RE-1' });

    settledSr = await freshBudget(api);
    await api.call('controller', 'POST', `/steering/${settledSr}/2025/year-close`, { reason: 'Jahresabschluss 2025', businessDate: '2026-01-20' });
    await api.call('controller', 'POST', `/steering/${settledSr}/2025/settlement`, { businessDate: '2026-01-21' });
    await api.call('admin', 'POST', '/notification-subscriptions', {
      channel: 'email',
      target: 'steuerung@jugendamt.example',
      role: 'controller',
      sozialraumId: overrunSr,
      types: ['ProcedureStepOverdue', 'FourEyesWorkPending'],
    });
    await t.settle();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('raises nothing before the work is overdue', async () => {
    // On the day the procedure's meeting is due and the invoice was just submitted, nothing is late.
    expect(await scheduler.raiseDue('2025-03-17')).toBe(0);
    expect(await steeringEvents(overrunSr, ['ProcedureStepOverdue', 'FourEyesWorkPending'])).toEqual([]);
  });

  it('recalls the overdue steering meeting, the waiting invoice and the unconfirmed settlement, once a week', async () => {
    await scheduler.raiseDue(later);
    const overdue = await steeringEvents(overrunSr, ['ProcedureStepOverdue', 'FourEyesWorkPending']);
    expect(overdue.map((e: any) => e.type)).toEqual(['ProcedureStepOverdue', 'FourEyesWorkPending']);
    expect(overdue[0].data).toMatchObject({ step: 'steering-meeting', dueBy: '2025-03-17' });
    expect(overdue[1].data.items.map((i: any) => i.id)).toEqual(['RM-25-101-B1-R1']);
    const confirmation = await steeringEvents(settledSr, ['SettlementConfirmationDue']);
    expect(confirmation.map((e: any) => e.data.missing)).toEqual([['jugendamt', 'lead-provider']]);

    // A second run, as another process would make it the same week: nothing twice.
    const events = await t.eventCount();
    expect(await scheduler.raiseDue(later)).toBe(0);
    expect(await t.eventCount()).toBe(events);

    await t.settle();
    const token = await t.token({ role: 'controller' });
    const list = await t.http().get('/notifications?limit=50').set('authorization', `Bearer ${token}`);
    const reminder = list.body.items.find((n: any) => n.type === 'ProcedureStepOverdue' && n.sozialraumId === overrunSr);
    expect(reminder.summary).toContain('Erinnerung: Die Steuerungsrunde des Überschreitungsverfahrens');
  });

  it('delivers the reminders by mail to the subscribed address', async () => {
    const dispatcher = t.app.get(NotificationDispatcher);
    // Sends what is due now; the dispatcher's own timer may send some of it meanwhile.
    for (let sent = await dispatcher.deliverDue(); smtp.messages.length < 2 && sent >= 0; sent = await dispatcher.deliverDue()) {
      if (sent === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const mails = smtp.messages.join('\n');
    expect(mails).toContain('steuerung@jugendamt.example');
    expect(mails).toMatch(/Erinnerung/);
  });
});
