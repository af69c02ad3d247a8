import { flexibleFigures } from './flexible-figures';
import { Stream, d, refusal, toitenwinkel } from './flexible.fixtures';
import {
  GrantSubsidy,
  decideGrantSubsidy,
  decideOrderInstalmentPayment,
  decideReceiveReclaim,
  decideReclaimSubsidy,
  decideReportUsage,
  paymentMonth,
} from './subsidy.decisions';

const elternkurse = (bescheidDate = '2025-01-15'): GrantSubsidy => ({
  providerId: 'TR-E',
  category: 'FUE',
  purpose: 'Elternkurse',
  total: d('24000'),
  instalments: ['2025-11-03', '2025-02-03', '2025-05-02', '2025-08-01'].map((dueDate) => ({ dueDate, amount: d('6000') })),
  bescheidDate,
});

const grant = (stream: Stream, command: GrantSubsidy) => stream.decide(command.bescheidDate, (s) => decideGrantSubsidy(command, s, 'HRO-TW', 2025));
const pay = (stream: Stream, on: string, instalmentId: string, subsidyId = 'ZUW-2025-1') =>
  stream.decide(on, (s) => decideOrderInstalmentPayment({ subsidyId, instalmentId, businessDate: on }, s, 'HRO-TW', 2025));
const report = (stream: Stream, on: string, lines: Array<[string, string]>, providerId = 'TR-E') =>
  stream.decide(on, (s) =>
    decideReportUsage({ subsidyId: 'ZUW-2025-1', providerId, lines: lines.map(([instalmentId, spent]) => ({ instalmentId, spent: d(spent), description: 'Kursreihe' })) }, s, 'HRO-TW', 2025),
  );
const figure = (stream: Stream, category: 'FUE' | 'FU') => flexibleFigures(stream.state).find((f) => f.category === category)!;

describe('subsidies (Zuwendungen)', () => {
  it('commits the whole plan on the Bescheid date, one line per payment month (R3, R5)', () => {
    const stream = toitenwinkel();
    const [granted, commitment] = grant(stream, elternkurse());
    expect(granted).toMatchObject({
      type: 'SubsidyGranted',
      data: { subsidyId: 'ZUW-2025-1', providerId: 'TR-E', category: 'FUE', total: '24000.00', bescheidDate: '2025-01-15' },
    });
    expect((granted.data as any).instalments.map((i: any) => [i.instalmentId, i.dueDate, i.month])).toEqual([
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
    expect(figure(stream, 'FUE')).toMatchObject({ planned: '30000.00', granted: '24000.00', paid: '0.00', open: '24000.00', available: '6000.00' });
  });

  it('adds instalments of the same month into one line and numbers subsidies of the year', () => {
    const stream = toitenwinkel();
    grant(stream, elternkurse());
    const [granted, commitment] = grant(stream, {
      ...elternkurse(),
      category: 'FU',
      purpose: 'Jugendtreff Toitenwinkel',
      total: d('1000'),
      instalments: [
        { dueDate: '2025-03-01', amount: d('400') },
        { dueDate: '2025-03-20', amount: d('600') },
      ],
    });
    expect((granted.data as any).subsidyId).toBe('ZUW-2025-2');
    expect((commitment.data as any).lines).toEqual([{ month: '2025-03', amount: '1000.00' }]);
  });

  it('commits a Bescheid of the previous year on 01.01. (R5)', () => {
    const stream = toitenwinkel();
    const [granted, commitment] = stream.decide('2024-12-15', (s) => decideGrantSubsidy(elternkurse('2024-12-15'), s, 'HRO-TW', 2025));
    expect(granted.businessDate).toBe('2024-12-15');
    expect(commitment.businessDate).toBe('2025-01-01');
  });

  it('refuses plans that do not add up or leave the fiscal year, and Bescheide after it', () => {
    const stream = toitenwinkel();
    const base = elternkurse();
    const refused = (command: GrantSubsidy) => refusal(() => decideGrantSubsidy(command, stream.state, 'HRO-TW', 2025));
    expect(refused({ ...base, total: d('24000.01') })).toMatchObject({ problem: 'instalments-do-not-match-total', extensions: { instalmentSum: '24000.00', total: '24000.01' } });
    expect(refused({ ...base, total: d('6000'), instalments: [{ dueDate: '2026-01-05', amount: d('6000') }] }).problem).toBe('instalment-outside-fiscal-year');
    expect(refused({ ...base, total: d('6000'), instalments: [{ dueDate: '2025-01-10', amount: d('6000') }] }).problem).toBe('instalment-before-bescheid');
    expect(refused({ ...base, bescheidDate: '2026-01-02' }).problem).toBe('bescheid-after-fiscal-year');
  });

  it('turns each instalment into actual expenditure of its payment month when the payment is ordered (R3)', () => {
    const stream = toitenwinkel();
    grant(stream, elternkurse());
    const [ordered, accrued] = pay(stream, '2025-05-02', 'R2');
    expect(ordered).toMatchObject({ type: 'SubsidyInstalmentPaymentOrdered', data: { subsidyId: 'ZUW-2025-1', instalmentId: 'R2', month: '2025-05', amount: '6000.00' } });
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
    expect(figure(stream, 'FUE')).toMatchObject({ granted: '24000.00', paid: '6000.00', open: '18000.00', available: '6000.00' });
    expect(refusal(() => pay(stream, '2025-05-03', 'R2')).problem).toBe('instalment-already-paid');
    expect(refusal(() => pay(stream, '2025-05-03', 'R9')).problem).toBe('instalment-not-found');
    expect(refusal(() => pay(stream, '2025-05-03', 'R1', 'ZUW-2025-7'))).toMatchObject({ problem: 'subsidy-not-found', status: 404 });
  });

  it('books a late payment order as actual expenditure of its payment month and moves the commitment with it (R3)', () => {
    const stream = toitenwinkel();
    grant(stream, elternkurse());
    // R1 is due on 03.02. but ordered for payment only on 10.03.
    const events = pay(stream, '2025-03-10', 'R1');
    expect(events.map((e) => e.type)).toEqual(['SubsidyInstalmentPaymentOrdered', 'CommitmentReleased', 'CommitmentRecorded', 'ExpenditureAccrued']);
    expect(events[0].data).toMatchObject({ instalmentId: 'R1', month: '2025-03', amount: '6000.00' });
    expect(events[1].data).toMatchObject({ lines: [{ month: '2025-02', amount: '6000.00' }], total: '6000.00', reason: 'paid-in-other-month' });
    expect(events[2].data).toMatchObject({ lines: [{ month: '2025-03', amount: '6000.00' }], total: '6000.00', reason: 'paid-in-other-month' });
    expect(events[3]).toMatchObject({ businessDate: '2025-03-10', data: { month: '2025-03', amount: '6000.00', reference: 'ZUW-2025-1-R1', category: 'FUE' } });
    expect(stream.state.flexible.subsidies['ZUW-2025-1'].instalments[0]).toMatchObject({ status: 'paid', month: '2025-03', paymentOrderedOn: '2025-03-10' });
    // Paid on its due date: no move, the accrual stays in the planned month.
    expect(pay(stream, '2025-05-02', 'R2').map((e) => [e.type, (e.data as any).month])).toEqual([
      ['SubsidyInstalmentPaymentOrdered', '2025-05'],
      ['ExpenditureAccrued', '2025-05'],
    ]);
  });

  it('counts an order dated after 31.12. (before the year close) in December, one before 01.01. in January', () => {
    const stream = toitenwinkel();
    grant(stream, elternkurse());
    const late = pay(stream, '2026-01-12', 'R4');
    expect(late.at(-1)).toMatchObject({ type: 'ExpenditureAccrued', data: { fiscalYear: 2025, month: '2025-12' } });
    expect(late[1].data).toMatchObject({ lines: [{ month: '2025-11' }] });
    expect(paymentMonth('2024-12-20', 2025)).toBe('2025-01');
    expect(paymentMonth('2025-07-31', 2025)).toBe('2025-07');
  });

  it('refuses a payment order before the Bescheid', () => {
    const stream = toitenwinkel();
    grant(stream, { ...elternkurse('2025-01-15') });
    expect(refusal(() => decideOrderInstalmentPayment({ subsidyId: 'ZUW-2025-1', instalmentId: 'R1', businessDate: '2025-01-14' }, stream.state, 'HRO-TW', 2025)).problem).toBe('payment-before-bescheid');
  });

  describe('usage report (Verwendungsnachweis)', () => {
    it('records spent and unused money per paid instalment; a later report of a period supersedes', () => {
      const stream = toitenwinkel();
      grant(stream, elternkurse());
      pay(stream, '2025-02-03', 'R1');
      const [reported] = report(stream, '2025-04-30', [['R1', '5500']]);
      expect(reported).toMatchObject({ type: 'SubsidyUsageReported', data: { lines: [{ instalmentId: 'R1', spent: '5500.00', unused: '500.00', description: 'Kursreihe' }] } });
      report(stream, '2025-05-10', [['R1', '5800']]);
      expect(stream.state.flexible.subsidies['ZUW-2025-1'].instalments[0].usage?.unused.toFixed(2)).toBe('200.00');
    });

    it('is the subsidy provider\'s own: others do not see it; only paid money, at most what was paid', () => {
      const stream = toitenwinkel();
      grant(stream, elternkurse());
      pay(stream, '2025-02-03', 'R1');
      expect(refusal(() => report(stream, '2025-04-30', [['R1', '100']], 'TR-F'))).toMatchObject({ problem: 'subsidy-not-found', status: 404 });
      expect(refusal(() => report(stream, '2025-04-30', [['R2', '100']])).problem).toBe('instalment-not-paid');
      expect(refusal(() => report(stream, '2025-04-30', [['R1', '6000.01']]))).toMatchObject({ problem: 'usage-exceeds-instalment', extensions: { paid: '6000.00' } });
      expect(refusal(() => report(stream, '2025-04-30', [['R1', '1'], ['R1', '2']])).problem).toBe('instalment-reported-twice');
    });
  });

  describe('reclaim (Rückforderung)', () => {
    function halfYear(): Stream {
      const stream = toitenwinkel();
      grant(stream, elternkurse());
      pay(stream, '2025-02-03', 'R1');
      pay(stream, '2025-05-02', 'R2');
      report(stream, '2025-07-15', [['R1', '6000'], ['R2', '4750.50']]);
      return stream;
    }

    it('releases the commitment of unpaid instalments and claims paid but unused money', () => {
      const stream = halfYear();
      const [reclaimed, released] = stream.decide('2025-07-20', (s) => decideReclaimSubsidy({ subsidyId: 'ZUW-2025-1', reason: 'Kurse eingestellt' }, s, 'HRO-TW', 2025));
      expect(reclaimed).toMatchObject({
        type: 'SubsidyReclaimed',
        data: { subsidyId: 'ZUW-2025-1', releasedInstalments: ['R3', 'R4'], released: '12000.00', claimed: '1249.50', reason: 'Kurse eingestellt' },
      });
      expect(released).toMatchObject({
        type: 'CommitmentReleased',
        data: { category: 'FUE', inBudget: true, source: { kind: 'subsidy', id: 'ZUW-2025-1' }, lines: [{ month: '2025-08', amount: '6000.00' }, { month: '2025-11', amount: '6000.00' }], total: '12000.00', reason: 'reclaim' },
      });
      // Paid money stays actual expenditure (R2); the freed commitment is available again.
      expect(figure(stream, 'FUE')).toMatchObject({ granted: '12000.00', paid: '12000.00', open: '0.00', available: '18000.00' });
      expect(refusal(() => pay(stream, '2025-08-01', 'R3')).problem).toBe('subsidy-reclaimed');
      expect(refusal(() => report(stream, '2025-08-01', [['R1', '1']])).problem).toBe('subsidy-reclaimed');
      expect(refusal(() => decideReclaimSubsidy({ subsidyId: 'ZUW-2025-1', reason: 'again' }, stream.state, 'HRO-TW', 2025)).problem).toBe('subsidy-reclaimed');
    });

    it('books money received back as revenue, never as less expenditure (R2)', () => {
      const stream = halfYear();
      stream.decide('2025-07-20', (s) => decideReclaimSubsidy({ subsidyId: 'ZUW-2025-1', reason: 'Kurse eingestellt' }, s, 'HRO-TW', 2025));
      const receive = (on: string, amount: string) => stream.decide(on, (s) => decideReceiveReclaim({ subsidyId: 'ZUW-2025-1', amount: d(amount), businessDate: on }, s, 'HRO-TW', 2025));
      expect(refusal(() => receive('2025-08-05', '1249.51'))).toMatchObject({ problem: 'receipt-exceeds-claim', extensions: { outstanding: '1249.50' } });
      const [received, revenue] = receive('2025-08-05', '1000');
      expect(received).toMatchObject({ type: 'SubsidyReclaimReceived', data: { amount: '1000.00', outstanding: '249.50' } });
      expect(revenue).toEqual({
        type: 'RevenueRecorded',
        businessDate: '2025-08-05',
        data: { sozialraumId: 'HRO-TW', fiscalYear: 2025, month: '2025-08', kind: 'rueckforderung', amount: '1000.00', source: { kind: 'subsidy', id: 'ZUW-2025-1', label: 'Elternkurse' }, providerId: 'TR-E' },
      });
      receive('2025-09-01', '249.50');
      expect(refusal(() => receive('2025-09-02', '0.01')).problem).toBe('no-open-claim');
      expect(figure(stream, 'FUE')).toMatchObject({ paid: '12000.00' });
      expect(stream.events.filter((e) => e.type === 'ExpenditureReversed')).toHaveLength(0);
    });

    it('needs the usage report of every paid instalment, and something to reclaim', () => {
      const stream = toitenwinkel();
      grant(stream, elternkurse());
      pay(stream, '2025-02-03', 'R1');
      expect(refusal(() => decideReclaimSubsidy({ subsidyId: 'ZUW-2025-1', reason: 'x' }, stream.state, 'HRO-TW', 2025))).toMatchObject({ problem: 'usage-report-missing', extensions: { missing: ['R1'] } });
      for (const [on, id] of [['2025-05-02', 'R2'], ['2025-08-01', 'R3'], ['2025-11-03', 'R4']]) pay(stream, on, id);
      report(stream, '2025-12-10', [['R1', '6000'], ['R2', '6000'], ['R3', '6000'], ['R4', '6000']]);
      expect(refusal(() => decideReclaimSubsidy({ subsidyId: 'ZUW-2025-1', reason: 'x' }, stream.state, 'HRO-TW', 2025)).problem).toBe('nothing-to-reclaim');
    });

    it('releases without a claim when nothing was paid yet; no receipt then', () => {
      const stream = toitenwinkel();
      grant(stream, elternkurse());
      const events = stream.decide('2025-01-30', (s) => decideReclaimSubsidy({ subsidyId: 'ZUW-2025-1', reason: 'Träger zieht zurück' }, s, 'HRO-TW', 2025));
      expect(events.map((e) => e.type)).toEqual(['SubsidyReclaimed', 'CommitmentReleased']);
      expect(figure(stream, 'FUE')).toMatchObject({ granted: '0.00', available: '30000.00' });
      expect(refusal(() => decideReceiveReclaim({ subsidyId: 'ZUW-2025-1', amount: d('1'), businessDate: '2025-02-01' }, stream.state, 'HRO-TW', 2025)).problem).toBe('no-open-claim');
    });
  });
});
