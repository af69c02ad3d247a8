import { Decimal } from '../../../libs/money';
import { DEFAULT_CONTRACT_TERMS } from '../../budgets';
import { BookEvent } from './book-event';
import { forecastTimeline, timelineJson } from './forecast-timeline';
import { LedgerBook } from './ledger-book';
import { firstCrossings, isUnderrun } from './thresholds';

/** The Toitenwinkel year as the capabilities record it, reduced to what steering folds. */
function toitenwinkel(): BookEvent[] {
  const events: BookEvent[] = [];
  let position = 0n;
  const push = (streamId: string, type: string, businessDate: string, data: any) =>
    events.push({ eventId: `e${++position}`, streamId, type, data, businessDate, position, recordedAt: new Date(`${businessDate}T12:00:00Z`) });
  const dims = (category: string, id: string, providerId: string, inBudget = true, outOfBudgetReason?: string) => ({
    sozialraumId: 'HRO-TW',
    fiscalYear: 2025,
    category,
    inBudget,
    outOfBudgetReason,
    providerId,
    source: { kind: category === 'FS' ? 'approval' : 'subsidy', id },
  });
  const months = (from: number, to: number, amount: (m: number) => string) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ month: `2025-${String(from + i).padStart(2, '0')}`, amount: amount(from + i) }));
  const commit = (stream: string, date: string, category: string, id: string, provider: string, lines: { month: string; amount: string }[], extra: any = {}) =>
    push(stream, 'CommitmentRecorded', date, {
      ...dims(category, id, provider, extra.inBudget ?? true, extra.reason),
      lines,
      total: lines.reduce((s, l) => s.plus(l.amount), new Decimal(0)).toFixed(2),
      reason: 'approval',
    });
  const accrue = (stream: string, date: string, category: string, id: string, provider: string, month: string, amount: string, extra: any = {}) =>
    push(stream, 'ExpenditureAccrued', date, {
      ...dims(category, id, provider, extra.inBudget ?? true, extra.reason),
      month,
      amount,
      reference: `${id}-${month}`,
    });
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const budget = 'HRO-JA/budget/HRO-TW/2025';

  push(budget, 'BudgetAllocated', '2025-01-01', {
    sozialraumId: 'HRO-TW',
    fiscalYear: 2025,
    planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
    total: '200000.00',
  });
  commit(
    'c/T1',
    '2025-01-01',
    'FS',
    'T1',
    'TR-E',
    months(1, 12, () => '1300.00'),
  );
  commit(
    budget,
    '2025-01-15',
    'FUE',
    'ELTERN',
    'TR-E',
    [2, 5, 8, 11].map((m) => ({ month: `2025-${String(m).padStart(2, '0')}`, amount: '6000.00' })),
  );
  commit(
    budget,
    '2025-01-15',
    'FU',
    'TREFF',
    'TR-E',
    months(1, 12, () => '2500.00'),
  );
  commit(
    'c/T3',
    '2025-01-20',
    'FS',
    'T3',
    'TR-E',
    months(2, 7, () => '2310.00'),
  );
  commit(
    'c/T2',
    '2025-02-20',
    'FS',
    'T2',
    'TR-F',
    months(3, 12, (m) => new Decimal(days[m - 1]).times('195').toFixed(2)),
  );
  push('c/T3', 'CommitmentReleased', '2025-04-08', {
    ...dims('FS', 'T3', 'TR-E'),
    lines: [{ month: '2025-03', amount: '577.50' }],
    total: '577.50',
    reason: 'invoice-lower',
  });
  commit(
    'c/T4',
    '2025-04-10',
    'FS',
    'T4',
    'TR-G',
    months(5, 12, () => '2450.00'),
  );
  commit(budget, '2025-05-02', 'FU', 'FEST', 'TR-E', [{ month: '2025-06', amount: '2800.00' }]);
  push(budget, 'ReallocationAgreed', '2025-06-01', { proposalId: 'UMS-2025-1', from: 'FUE', to: 'FU', amount: '5000.00' });
  commit(
    'c/T5',
    '2025-06-05',
    'FS',
    'T5',
    'TR-E',
    months(7, 12, () => '650.00'),
  );
  push('c/T4', 'CommitmentReleased', '2025-09-15', {
    ...dims('FS', 'T4', 'TR-G'),
    lines: months(10, 12, () => '2450.00'),
    total: '7350.00',
    reason: 'termination',
  });
  commit(
    'c/T7',
    '2025-09-24',
    'FS',
    'T7',
    'TR-F',
    months(10, 12, (m) => new Decimal(days[m - 1]).times('340').toFixed(2)),
    { inBudget: false, reason: 'high-cost' },
  );

  for (let m = 1; m <= 12; m++) {
    const month = `2025-${String(m).padStart(2, '0')}`;
    accrue('c/T1', `2025-${String(m).padStart(2, '0')}-28`, 'FS', 'T1', 'TR-E', month, '1300.00');
    accrue(budget, `${month}-05`, 'FU', 'TREFF', 'TR-E', month, '2500.00');
    if (m >= 2 && m <= 7) accrue('c/T3', `${month}-28`, 'FS', 'T3', 'TR-E', month, m === 3 ? '1732.50' : '2310.00');
    if (m >= 3) accrue('c/T2', `${month}-28`, 'FS', 'T2', 'TR-F', month, new Decimal(days[m - 1]).times('195').toFixed(2));
    if (m >= 5 && m <= 9) accrue('c/T4', `${month}-28`, 'FS', 'T4', 'TR-G', month, '2450.00');
    if (m >= 7) accrue('c/T5', `${month}-28`, 'FS', 'T5', 'TR-E', month, '650.00');
    if ([2, 5, 8, 11].includes(m)) accrue(budget, `${month}-10`, 'FUE', 'ELTERN', 'TR-E', month, '6000.00');
    if (m >= 10)
      accrue('c/T7', `${month}-28`, 'FS', 'T7', 'TR-F', month, new Decimal(days[m - 1]).times('340').toFixed(2), { inBudget: false, reason: 'high-cost' });
  }
  accrue(budget, '2025-06-20', 'FU', 'FEST', 'TR-E', '2025-06', '2800.00');
  push('c/T2', 'RevenueRecorded', '2025-03-01', {
    sozialraumId: 'HRO-TW',
    fiscalYear: 2025,
    month: '2025-03',
    kind: 'kostenbeitrag',
    amount: '1800.00',
    source: { kind: 'approval', id: 'T2' },
  });
  return events;
}

describe('ledger book and forecast timeline: the Toitenwinkel year', () => {
  const events = toitenwinkel();

  it('gives the year-end figures of the example', () => {
    const u = LedgerBook.fold('HRO-TW', 2025, events).utilisation();
    expect(u.budget).toBe('200000.00');
    expect(u.actual).toBe('161502.50');
    expect(u.forecast).toBe('161502.50');
    expect(u.committed).toBe('0.00');
    expect(u.categories.map((c) => [c.category, c.planned, c.actual])).toEqual([
      ['FS', '130000.00', '104702.50'],
      ['FUE', '25000.00', '24000.00'],
      ['FU', '45000.00', '32800.00'],
    ]);
    expect(u.monthlyActual.map((m) => m.total)).toEqual([
      '3800.00',
      '12110.00',
      '11577.50',
      '11960.00',
      '20605.00',
      '17210.00',
      '15255.00',
      '18945.00',
      '12750.00',
      '10495.00',
      '16300.00',
      '10495.00',
    ]);
    expect(u.outOfBudget).toEqual([{ reason: 'high-cost', forecast: '31280.00', actual: '31280.00' }]);
    expect(u.revenue).toEqual([{ kind: 'kostenbeitrag', amount: '1800.00' }]);
  });

  it('reproduces the forecast timeline by business date', () => {
    const timeline = timelineJson(forecastTimeline('HRO-TW', 2025, events)).filter((e) => e.delta !== '0.00');
    expect(timeline.map((e) => [e.businessDate, e.delta, e.forecast, e.pctOfBudget])).toEqual([
      ['2025-01-01', '15600.00', '15600.00', '7.80'],
      ['2025-01-15', '24000.00', '39600.00', '19.80'],
      ['2025-01-15', '30000.00', '69600.00', '34.80'],
      ['2025-01-20', '13860.00', '83460.00', '41.73'],
      ['2025-02-20', '59670.00', '143130.00', '71.56'],
      ['2025-04-08', '-577.50', '142552.50', '71.28'],
      ['2025-04-10', '19600.00', '162152.50', '81.08'],
      ['2025-05-02', '2800.00', '164952.50', '82.48'],
      ['2025-06-05', '3900.00', '168852.50', '84.43'],
      ['2025-09-15', '-7350.00', '161502.50', '80.75'],
    ]);
  });

  it('finds no upward crossing, and an under-run at the September close', () => {
    expect(firstCrossings(forecastTimeline('HRO-TW', 2025, events), () => DEFAULT_CONTRACT_TERMS)).toEqual([]);
    const atSeptemberClose = LedgerBook.fold('HRO-TW', 2025, events, { asOf: '2025-09-30' });
    expect(atSeptemberClose.totals().forecast.toFixed(2)).toBe('161502.50');
    expect(isUnderrun(atSeptemberClose.totals().forecast, atSeptemberClose.budgetTotal, DEFAULT_CONTRACT_TERMS)).toBe(true);
  });

  it('answers as of a business date and as known at a log position', () => {
    const asOf = LedgerBook.fold('HRO-TW', 2025, events, { asOf: '2025-08-20' }).utilisation();
    expect(asOf.forecast).toBe('168852.50');
    const position = events.find((e) => e.businessDate === '2025-04-10')!.position;
    const knownThen = LedgerBook.fold('HRO-TW', 2025, events, { knownAtPosition: position });
    expect(knownThen.totals().forecast.toFixed(2)).toBe('162152.50');
  });

  it('fills the Haushaltsüberwachungsliste per category: Anordnungen are the payment orders, equal to Ist', () => {
    const list = LedgerBook.fold('HRO-TW', 2025, events).monitoringList();
    expect(list.rows.map((r) => [r.category, r.ansatz, r.bindungen, r.anordnungen, r.ist, r.rest])).toEqual([
      ['FS', '130000.00', '0.00', '104702.50', '104702.50', '25297.50'],
      ['FUE', '25000.00', '0.00', '24000.00', '24000.00', '1000.00'],
      ['FU', '45000.00', '0.00', '32800.00', '32800.00', '12200.00'],
    ]);
    expect(list.total).toEqual({ ansatz: '200000.00', bindungen: '0.00', anordnungen: '161502.50', ist: '161502.50', rest: '38497.50' });
    // As of 14.09.: orders issued up to that day, the rest of the year still bound.
    const mid = LedgerBook.fold('HRO-TW', 2025, events, { asOf: '2025-09-14' }).monitoringList();
    expect(mid.rows.map((r) => [r.category, r.bindungen, r.anordnungen, r.ist])).toEqual([
      ['FS', '41390.00', '70662.50', '70662.50'],
      ['FUE', '6000.00', '18000.00', '18000.00'],
      ['FU', '7500.00', '25300.00', '25300.00'],
    ]);
    // A reversal of a payment order takes it out of both.
    const reversal: BookEvent = {
      eventId: 'rev',
      streamId: 'c/T1',
      type: 'ExpenditureReversed',
      businessDate: '2025-12-29',
      position: 9998n,
      recordedAt: new Date(),
      data: {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        category: 'FS',
        inBudget: true,
        providerId: 'TR-E',
        source: { kind: 'approval', id: 'T1' },
        month: '2025-12',
        amount: '1300.00',
        reference: 'T1-2025-12',
        reason: 'Doppelzahlung',
      },
    };
    const reversed = LedgerBook.fold('HRO-TW', 2025, [...events, reversal]).monitoringList();
    expect(reversed.rows[0]).toMatchObject({ anordnungen: '103402.50', ist: '103402.50' });
  });

  it('lists providers, out-of-budget money and revenue in their documented order, whatever order the events came in', () => {
    const ledger = (eventId: string, type: string, data: any): BookEvent => ({
      eventId,
      streamId: `c/${data.source.id}`,
      type,
      businessDate: '2025-10-01',
      position: 0n,
      recordedAt: new Date(),
      data,
    });
    const dims = { sozialraumId: 'HRO-TW', fiscalYear: 2025, category: 'FS', inBudget: false };
    const more = [
      ledger('x1', 'CommitmentRecorded', {
        ...dims,
        outOfBudgetReason: 'excluded-legal-basis',
        providerId: 'TR-G',
        source: { kind: 'approval', id: 'T8' },
        lines: [{ month: '2025-10', amount: '3080.00' }],
        total: '3080.00',
      }),
      ledger('x2', 'RevenueRecorded', {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        month: '2025-10',
        kind: 'kostenerstattung',
        amount: '900.00',
        source: { kind: 'approval', id: 'T8' },
      }),
      ledger('x3', 'RevenueRecorded', {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        month: '2025-11',
        kind: 'rueckforderung',
        amount: '150.00',
        source: { kind: 'subsidy', id: 'Z1' },
      }),
      ledger('x4', 'CommitmentRecorded', {
        ...dims,
        category: 'FU',
        inBudget: true,
        providerId: 'TR-E-1',
        source: { kind: 'subsidy', id: 'Z1' },
        lines: [{ month: '2025-10', amount: '100.00' }],
        total: '100.00',
      }),
    ];
    // Planning first (B depends on its order), the money movements once forward and once backward.
    const planning = events.filter((e) => !e.type.startsWith('Commitment') && !e.type.startsWith('Expenditure') && e.type !== 'RevenueRecorded');
    const money = [...events.filter((e) => !planning.includes(e)), ...more];
    const forward = LedgerBook.fold('HRO-TW', 2025, [...planning, ...money]).utilisation();
    const backward = LedgerBook.fold('HRO-TW', 2025, [...planning, ...[...money].reverse()]).utilisation();
    expect(backward).toEqual(forward);
    expect(forward.outOfBudget.map((o) => o.reason)).toEqual(['excluded-legal-basis', 'high-cost']);
    expect(forward.revenue).toEqual([
      { kind: 'kostenbeitrag', amount: '1800.00' },
      { kind: 'kostenerstattung', amount: '900.00' },
      { kind: 'rueckforderung', amount: '150.00' },
    ]);
    // By provider id as text, then the categories in their order FS, FUE, FU.
    expect(forward.providers.map((p) => [p.providerId, p.category])).toEqual([
      ['TR-E', 'FS'],
      ['TR-E', 'FUE'],
      ['TR-E', 'FU'],
      ['TR-E-1', 'FU'],
      ['TR-F', 'FS'],
      ['TR-G', 'FS'],
    ]);
  });

  it('crosses 100/105/110 % when a forecast grows beyond B', () => {
    const extra: BookEvent = {
      eventId: 'big',
      streamId: 'c/T9',
      type: 'CommitmentRecorded',
      businessDate: '2025-10-01',
      position: 9999n,
      recordedAt: new Date(),
      data: {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        category: 'FS',
        inBudget: true,
        providerId: 'TR-F',
        source: { kind: 'approval', id: 'T9' },
        lines: [{ month: '2025-10', amount: '60000.00' }],
        total: '60000.00',
      },
    };
    const crossings = firstCrossings(forecastTimeline('HRO-TW', 2025, [...events, extra]), () => DEFAULT_CONTRACT_TERMS);
    expect(crossings.map((c) => [c.kind, c.businessDate, c.eventId])).toEqual([
      ['warning', '2025-10-01', 'big'],
      ['procedure', '2025-10-01', 'big'],
      ['renegotiation', '2025-10-01', 'big'],
    ]);
  });
});
