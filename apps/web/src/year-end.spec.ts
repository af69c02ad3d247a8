/// <reference types="jest" />
import { caseOfInvoice, closedMonthRows, nextMonthToClose, pendingRows, type MonthCloseList, type PendingWork } from './year-end';

const closes = (months: string[]): MonthCloseList =>
  ({
    sozialraumId: 'HRO-TW',
    fiscalYear: 2025,
    items: months.map((month) => ({
      month,
      monthEnd: `${month}-28`,
      closedAt: '2025-02-03T08:00:00.000Z',
      closedBy: 'controller-1',
      forecast: '144750.00',
      budget: '120000.00',
      pctOfBudget: '120.62',
      logPosition: '42',
    })),
  }) as MonthCloseList;

describe('month and year close on the page', () => {
  it('offers the first month not closed yet once it has ended', () => {
    expect(nextMonthToClose(closes([]), 2025, '2025-02-01')).toBe('2025-01');
    expect(nextMonthToClose(closes(['2025-01']), 2025, '2025-02-28')).toBeNull();
    expect(nextMonthToClose(closes(['2025-01']), 2025, '2025-03-01')).toBe('2025-02');
    expect(nextMonthToClose(closes(['2025-01', '2025-03']), 2025, '2026-01-05')).toBe('2025-02');
  });

  it('shows the frozen figures of a closed month', () => {
    expect(closedMonthRows(closes(['2025-01']))[0]).toMatchObject({ month: 'Januar 2025', pctOfBudget: '120,62 %', budget: '120.000,00\u00a0€' });
  });

  it('links each pending item to where it is resolved', () => {
    const pending = {
      sozialraumId: 'HRO-TW',
      fiscalYear: 2025,
      version: 9,
      items: [
        { kind: 'invoice', id: 'TW-25-001-B1-R2', description: 'Rechnung …', since: '2025-02-03' },
        { kind: 'activity', id: 'AKT-2025-1', description: 'Aktivität …' },
        { kind: 'instalment', id: 'ZUW-2025-1-R1', description: 'Rate …' },
      ],
    } as PendingWork;
    expect(caseOfInvoice('TW-25-001-B1-R2')).toBe('TW-25-001');
    expect(pendingRows(pending).map((r) => r.where)).toEqual([
      { route: { name: 'case', caseRef: 'TW-25-001' }, label: 'Fall TW-25-001 (Wirtschaftliche Jugendhilfe)' },
      { route: { name: 'flexible', fiscalYear: 2025 }, label: 'Flexible Mittel 2025' },
      { text: 'Zahlungsanordnung der Rate über die API (Zuwendungen)' },
    ]);
  });
});
