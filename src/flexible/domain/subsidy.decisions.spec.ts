import { deciderSpec } from '../../../test/support/decider-spec';
import { FlexibleBudgetEvent, FlexibleBudgetState, flexibleBudgetDecider } from './flexible-budget';
import { flexibleFigures } from './flexible-figures';
import { SubsidyRef, TOITENWINKEL, YEAR, d, instalmentPaid, onDate, subsidyGranted, usageReported } from './flexible.fixtures';
import {
  GrantSubsidy,
  decideGrantSubsidy,
  decideOrderInstalmentPayment,
  decideReceiveReclaim,
  decideReclaimSubsidy,
  decideReportUsage,
  paymentMonth,
} from './subsidy.decisions';

const grant = deciderSpec(flexibleBudgetDecider, decideGrantSubsidy);
const pay = deciderSpec(flexibleBudgetDecider, decideOrderInstalmentPayment);
const reportUsage = deciderSpec(flexibleBudgetDecider, decideReportUsage);
const reclaim = deciderSpec(flexibleBudgetDecider, decideReclaimSubsidy);
const receive = deciderSpec(flexibleBudgetDecider, decideReceiveReclaim);
const registered = { providerRegistered: true };

const elternkurse = (bescheidDate = '2025-01-15'): GrantSubsidy => ({
  ...YEAR,
  providerId: 'TR-E',
  category: 'FUE',
  purpose: 'Elternkurse',
  total: d('24000'),
  instalments: ['2025-11-03', '2025-02-03', '2025-05-02', '2025-08-01'].map((dueDate) => ({ dueDate, amount: d('6000') })),
  bescheidDate,
});
const ELTERNKURSE: SubsidyRef = { subsidyId: 'ZUW-2025-1', providerId: 'TR-E', category: 'FUE', purpose: 'Elternkurse' };
const granted: FlexibleBudgetEvent[] = [
  ...TOITENWINKEL,
  ...subsidyGranted(ELTERNKURSE, '2025-01-15', [
    ['2025-02-03', '6000.00'],
    ['2025-05-02', '6000.00'],
    ['2025-08-01', '6000.00'],
    ['2025-11-03', '6000.00'],
  ]),
];

const payment = (on: string, instalmentId: string, subsidyId = 'ZUW-2025-1') => ({ ...YEAR, subsidyId, instalmentId, businessDate: on });
const usage = (lines: Array<[string, string]>, providerId = 'TR-E') => ({
  ...YEAR,
  subsidyId: 'ZUW-2025-1',
  providerId,
  lines: lines.map(([instalmentId, spent]) => ({ instalmentId, spent: d(spent), description: 'Kursreihe' })),
});
const figure = (state: FlexibleBudgetState, category: 'FUE' | 'FU') => flexibleFigures(state).find((f) => f.category === category)!;

describe('subsidies (Zuwendungen)', () => {
  it('commits the whole plan on the Bescheid date, one line per payment month (R3, R5)', () => {
    const [grantedEvent, commitment] = onDate('2025-01-15', grant.given(TOITENWINKEL).when(elternkurse(), registered).events());
    expect(grantedEvent).toMatchObject({
      type: 'SubsidyGranted',
      data: { subsidyId: 'ZUW-2025-1', providerId: 'TR-E', category: 'FUE', total: '24000.00', bescheidDate: '2025-01-15' },
    });
    expect(grantedEvent.type === 'SubsidyGranted' && grantedEvent.data.instalments.map((i) => [i.instalmentId, i.dueDate, i.month])).toEqual([
      ['R1', '2025-02-03', '2025-02'],
      ['R2', '2025-05-02', '2025-05'],
      ['R3', '2025-08-01', '2025-08'],
      ['R4', '2025-11-03', '2025-11'],
    ]);
    expect(commitment).toEqual({
      type: 'CommitmentRecorded',
      businessDate: '2025-01-15',
      data: {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        category: 'FUE',
        inBudget: true,
        providerId: 'TR-E',
        source: { kind: 'subsidy', id: 'ZUW-2025-1', label: 'Elternkurse' },
        lines: ['2025-02', '2025-05', '2025-08', '2025-11'].map((month) => ({ month, amount: '6000.00' })),
        total: '24000.00',
        reason: 'subsidy',
      },
    });
    expect(figure(grant.given(TOITENWINKEL).when(elternkurse(), registered).thenState(), 'FUE')).toMatchObject({
      planned: '30000.00',
      granted: '24000.00',
      paid: '0.00',
      open: '24000.00',
      available: '6000.00',
    });
    // The fixture of the later tests is what the decision records.
    expect(onDate('2025-01-15', grant.given(TOITENWINKEL).when(elternkurse(), registered).events())).toEqual(granted.slice(TOITENWINKEL.length));
  });

  it('adds instalments of the same month into one line and numbers subsidies of the year', () => {
    const [grantedEvent, commitment] = grant
      .given(granted)
      .when(
        {
          ...elternkurse(),
          category: 'FU',
          purpose: 'Jugendtreff Toitenwinkel',
          total: d('1000'),
          instalments: [
            { dueDate: '2025-03-01', amount: d('400') },
            { dueDate: '2025-03-20', amount: d('600') },
          ],
        },
        registered,
      )
      .events();
    expect(grantedEvent.data).toMatchObject({ subsidyId: 'ZUW-2025-2' });
    expect(commitment.data).toMatchObject({ lines: [{ month: '2025-03', amount: '1000.00' }] });
  });

  it('commits a Bescheid of the previous year on 01.01. (R5)', () => {
    const [grantedEvent, commitment] = onDate('2024-12-15', grant.given(TOITENWINKEL).when(elternkurse('2024-12-15'), registered).events());
    expect(grantedEvent.businessDate).toBe('2024-12-15');
    expect(commitment.businessDate).toBe('2025-01-01');
  });

  it('refuses plans that do not add up or leave the fiscal year, and Bescheide after it', () => {
    const base = elternkurse();
    const refused = (command: GrantSubsidy, problem: string) => grant.given(TOITENWINKEL).when(command, registered).thenRefused(problem);
    expect(refused({ ...base, total: d('24000.01') }, 'instalments-do-not-match-total').extensions).toEqual({ instalmentSum: '24000.00', total: '24000.01' });
    refused({ ...base, total: d('6000'), instalments: [{ dueDate: '2026-01-05', amount: d('6000') }] }, 'instalment-outside-fiscal-year');
    refused({ ...base, total: d('6000'), instalments: [{ dueDate: '2025-01-10', amount: d('6000') }] }, 'instalment-before-bescheid');
    refused({ ...base, bescheidDate: '2026-01-02' }, 'bescheid-after-fiscal-year');
  });

  it('grants only to a registered provider', () => {
    expect(grant.given(TOITENWINKEL).when(elternkurse(), { providerRegistered: false }).thenRefused('provider-not-found').status).toBe(404);
  });

  it('turns each instalment into actual expenditure of its payment month when the payment is ordered (R3)', () => {
    const [ordered, accrued] = onDate('2025-05-02', pay.given(granted).when(payment('2025-05-02', 'R2')).events());
    expect(ordered).toMatchObject({
      type: 'SubsidyInstalmentPaymentOrdered',
      data: { subsidyId: 'ZUW-2025-1', instalmentId: 'R2', month: '2025-05', amount: '6000.00' },
    });
    expect(accrued).toEqual({
      type: 'ExpenditureAccrued',
      businessDate: '2025-05-02',
      data: {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        category: 'FUE',
        inBudget: true,
        providerId: 'TR-E',
        source: { kind: 'subsidy', id: 'ZUW-2025-1', label: 'Elternkurse' },
        month: '2025-05',
        amount: '6000.00',
        reference: 'ZUW-2025-1-R2',
      },
    });
    expect(figure(pay.given(granted).when(payment('2025-05-02', 'R2')).thenState(), 'FUE')).toMatchObject({
      granted: '24000.00',
      paid: '6000.00',
      open: '18000.00',
      available: '6000.00',
    });
    expect(onDate('2025-05-02', pay.given(granted).when(payment('2025-05-02', 'R2')).events())).toEqual(
      instalmentPaid(ELTERNKURSE, 'R2', '2025-05-02', '6000.00'),
    );
    const paidR2 = [...granted, ...instalmentPaid(ELTERNKURSE, 'R2', '2025-05-02', '6000.00')];
    pay.given(paidR2).when(payment('2025-05-03', 'R2')).thenRefused('instalment-already-paid');
    pay.given(paidR2).when(payment('2025-05-03', 'R9')).thenRefused('instalment-not-found');
    expect(
      pay
        .given(paidR2)
        .when(payment('2025-05-03', 'R1', 'ZUW-2025-7'))
        .thenRefused('subsidy-not-found').status,
    ).toBe(404);
  });

  it('books a late payment order as actual expenditure of its payment month and moves the commitment with it (R3)', () => {
    // R1 is due on 03.02. but ordered for payment only on 10.03.
    const events = onDate('2025-03-10', pay.given(granted).when(payment('2025-03-10', 'R1')).events());
    expect(events.map((e) => e.type)).toEqual(['SubsidyInstalmentPaymentOrdered', 'CommitmentReleased', 'CommitmentRecorded', 'ExpenditureAccrued']);
    expect(events[0].data).toMatchObject({ instalmentId: 'R1', month: '2025-03', amount: '6000.00' });
    expect(events[1].data).toMatchObject({ lines: [{ month: '2025-02', amount: '6000.00' }], total: '6000.00', reason: 'paid-in-other-month' });
    expect(events[2].data).toMatchObject({ lines: [{ month: '2025-03', amount: '6000.00' }], total: '6000.00', reason: 'paid-in-other-month' });
    expect(events[3]).toMatchObject({ businessDate: '2025-03-10', data: { month: '2025-03', amount: '6000.00', reference: 'ZUW-2025-1-R1', category: 'FUE' } });
    const paidLate = [...granted, ...events];
    expect(pay.given(paidLate).state.flexible.subsidies['ZUW-2025-1'].instalments[0]).toMatchObject({
      status: 'paid',
      month: '2025-03',
      paymentOrderedOn: '2025-03-10',
    });
    // Paid on its due date: no move, the accrual stays in the planned month.
    expect(
      pay
        .given(paidLate)
        .when(payment('2025-05-02', 'R2'))
        .events()
        .map((e) => [e.type, 'month' in e.data ? e.data.month : undefined]),
    ).toEqual([
      ['SubsidyInstalmentPaymentOrdered', '2025-05'],
      ['ExpenditureAccrued', '2025-05'],
    ]);
  });

  it('counts an order dated after 31.12. (before the year close) in December, one before 01.01. in January', () => {
    const late = pay.given(granted).when(payment('2026-01-12', 'R4')).events();
    expect(late.at(-1)).toMatchObject({ type: 'ExpenditureAccrued', data: { fiscalYear: 2025, month: '2025-12' } });
    expect(late[1].data).toMatchObject({ lines: [{ month: '2025-11' }] });
    expect(paymentMonth('2024-12-20', 2025)).toBe('2025-01');
    expect(paymentMonth('2025-07-31', 2025)).toBe('2025-07');
  });

  it('refuses a payment order before the Bescheid', () => {
    pay.given(granted).when(payment('2025-01-14', 'R1')).thenRefused('payment-before-bescheid');
  });

  describe('usage report (Verwendungsnachweis)', () => {
    const paidR1 = [...granted, ...instalmentPaid(ELTERNKURSE, 'R1', '2025-02-03', '6000.00')];

    it('records spent and unused money per paid instalment; a later report of a period supersedes', () => {
      const [reported] = onDate(
        '2025-04-30',
        reportUsage
          .given(paidR1)
          .when(usage([['R1', '5500']]))
          .events(),
      );
      expect(reported).toMatchObject({
        type: 'SubsidyUsageReported',
        data: { lines: [{ instalmentId: 'R1', spent: '5500.00', unused: '500.00', description: 'Kursreihe' }] },
      });
      const state = reportUsage
        .given([...paidR1, reported])
        .when(usage([['R1', '5800']]))
        .thenState();
      expect(state.flexible.subsidies['ZUW-2025-1'].instalments[0].usage?.unused.toFixed(2)).toBe('200.00');
      // Each report of the subsidy is numbered in the stream's order; the instalment names the last one.
      expect(state.flexible.subsidies['ZUW-2025-1'].usageReports).toBe(2);
      expect(state.flexible.subsidies['ZUW-2025-1'].instalments[0].usage?.reportId).toBe('VN2');
    });

    it("is the subsidy provider's own: others do not see it; only paid money, at most what was paid", () => {
      expect(
        reportUsage
          .given(paidR1)
          .when(usage([['R1', '100']], 'TR-F'))
          .thenRefused('subsidy-not-found').status,
      ).toBe(404);
      reportUsage
        .given(paidR1)
        .when(usage([['R2', '100']]))
        .thenRefused('instalment-not-paid');
      expect(
        reportUsage
          .given(paidR1)
          .when(usage([['R1', '6000.01']]))
          .thenRefused('usage-exceeds-instalment').extensions,
      ).toMatchObject({ paid: '6000.00' });
      reportUsage
        .given(paidR1)
        .when(
          usage([
            ['R1', '1'],
            ['R1', '2'],
          ]),
        )
        .thenRefused('instalment-reported-twice');
    });
  });

  describe('reclaim (Rückforderung)', () => {
    const halfYear: FlexibleBudgetEvent[] = [
      ...granted,
      ...instalmentPaid(ELTERNKURSE, 'R1', '2025-02-03', '6000.00'),
      ...instalmentPaid(ELTERNKURSE, 'R2', '2025-05-02', '6000.00'),
      usageReported('ZUW-2025-1', '2025-07-15', [
        ['R1', '6000.00', '6000.00'],
        ['R2', '4750.50', '6000.00'],
      ]),
    ];
    const stopped = { ...YEAR, subsidyId: 'ZUW-2025-1', reason: 'Kurse eingestellt' };

    it('releases the commitment of unpaid instalments and claims paid but unused money', () => {
      const [reclaimed, released] = onDate('2025-07-20', reclaim.given(halfYear).when(stopped).events());
      expect(reclaimed).toMatchObject({
        type: 'SubsidyReclaimed',
        data: { subsidyId: 'ZUW-2025-1', releasedInstalments: ['R3', 'R4'], released: '12000.00', claimed: '1249.50', reason: 'Kurse eingestellt' },
      });
      expect(released).toMatchObject({
        type: 'CommitmentReleased',
        data: {
          category: 'FUE',
          inBudget: true,
          source: { kind: 'subsidy', id: 'ZUW-2025-1' },
          lines: [
            { month: '2025-08', amount: '6000.00' },
            { month: '2025-11', amount: '6000.00' },
          ],
          total: '12000.00',
          reason: 'reclaim',
        },
      });
      // Paid money stays actual expenditure (R2); the freed commitment is available again.
      expect(figure(reclaim.given(halfYear).when(stopped).thenState(), 'FUE')).toMatchObject({
        granted: '12000.00',
        paid: '12000.00',
        open: '0.00',
        available: '18000.00',
      });
      const afterReclaim = [...halfYear, reclaimed, released];
      pay.given(afterReclaim).when(payment('2025-08-01', 'R3')).thenRefused('subsidy-reclaimed');
      reportUsage
        .given(afterReclaim)
        .when(usage([['R1', '1']]))
        .thenRefused('subsidy-reclaimed');
      reclaim
        .given(afterReclaim)
        .when({ ...stopped, reason: 'again' })
        .thenRefused('subsidy-reclaimed');
    });

    it('books money received back as revenue, never as less expenditure (R2)', () => {
      const reclaimed = [...halfYear, ...onDate('2025-07-20', reclaim.given(halfYear).when(stopped).events())];
      const receipt = (on: string, amount: string) => ({ ...YEAR, subsidyId: 'ZUW-2025-1', amount: d(amount), businessDate: on });
      expect(receive.given(reclaimed).when(receipt('2025-08-05', '1249.51')).thenRefused('receipt-exceeds-claim').extensions).toMatchObject({
        outstanding: '1249.50',
      });
      const [received, revenue] = onDate('2025-08-05', receive.given(reclaimed).when(receipt('2025-08-05', '1000')).events());
      expect(received).toMatchObject({ type: 'SubsidyReclaimReceived', data: { amount: '1000.00', outstanding: '249.50' } });
      expect(revenue).toEqual({
        type: 'RevenueRecorded',
        businessDate: '2025-08-05',
        data: {
          sozialraumId: 'HRO-TW',
          fiscalYear: 2025,
          month: '2025-08',
          kind: 'rueckforderung',
          amount: '1000.00',
          source: { kind: 'subsidy', id: 'ZUW-2025-1', label: 'Elternkurse' },
          providerId: 'TR-E',
        },
      });
      const partly = [...reclaimed, received, revenue];
      const rest = onDate('2025-09-01', receive.given(partly).when(receipt('2025-09-01', '249.50')).events());
      const repaid = [...partly, ...rest];
      receive.given(repaid).when(receipt('2025-09-02', '0.01')).thenRefused('no-open-claim');
      expect(figure(receive.given(repaid).state, 'FUE')).toMatchObject({ paid: '12000.00' });
      expect(repaid.filter((e) => e.type === 'ExpenditureReversed')).toHaveLength(0);
    });

    it('needs the usage report of every paid instalment, and something to reclaim', () => {
      const paidR1 = [...granted, ...instalmentPaid(ELTERNKURSE, 'R1', '2025-02-03', '6000.00')];
      expect(
        reclaim
          .given(paidR1)
          .when({ ...stopped, reason: 'x' })
          .thenRefused('usage-report-missing').extensions,
      ).toMatchObject({ missing: ['R1'] });
      const allPaid = [
        ...paidR1,
        ...instalmentPaid(ELTERNKURSE, 'R2', '2025-05-02', '6000.00'),
        ...instalmentPaid(ELTERNKURSE, 'R3', '2025-08-01', '6000.00'),
        ...instalmentPaid(ELTERNKURSE, 'R4', '2025-11-03', '6000.00'),
        usageReported('ZUW-2025-1', '2025-12-10', [
          ['R1', '6000.00', '6000.00'],
          ['R2', '6000.00', '6000.00'],
          ['R3', '6000.00', '6000.00'],
          ['R4', '6000.00', '6000.00'],
        ]),
      ];
      reclaim
        .given(allPaid)
        .when({ ...stopped, reason: 'x' })
        .thenRefused('nothing-to-reclaim');
    });

    it('releases without a claim when nothing was paid yet; no receipt then', () => {
      const events = onDate(
        '2025-01-30',
        reclaim
          .given(granted)
          .when({ ...stopped, reason: 'Träger zieht zurück' })
          .events(),
      );
      expect(events.map((e) => e.type)).toEqual(['SubsidyReclaimed', 'CommitmentReleased']);
      expect(
        figure(
          reclaim
            .given(granted)
            .when({ ...stopped, reason: 'Träger zieht zurück' })
            .thenState(),
          'FUE',
        ),
      ).toMatchObject({ granted: '0.00', available: '30000.00' });
      receive
        .given([...granted, ...events])
        .when({ ...YEAR, subsidyId: 'ZUW-2025-1', amount: d('1'), businessDate: '2025-02-01' })
        .thenRefused('no-open-claim');
    });
  });
});
