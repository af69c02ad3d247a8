/// <reference types="jest" />
import { activityRow, emptyActivityForm, fiscalYearOf, reportActivityBody, withAnswers, type ActivityItem, type ActivityView } from './flexible';

const item = (over: Partial<ActivityItem> = {}): ActivityItem => ({
  activityId: 'AKT-2026-1',
  sozialraumId: 'HRO-TW',
  fiscalYear: 2026,
  providerId: 'TR-E',
  category: 'FU',
  activityDate: '2026-06-14',
  description: 'Stadtteilfest',
  requested: '600.00',
  approved: null,
  actual: null,
  status: 'reported',
  reportedOn: '2026-05-02',
  decidedOn: null,
  ...over,
});

describe('flexible money on the page', () => {
  it("lays the page's own answers over the read model's list, which may not have seen them yet", () => {
    const approved = { ...item(), status: 'approved', approved: '600.00', decidedOn: '2026-05-10', version: 7 } as unknown as ActivityView;
    const reported = { ...item({ activityId: 'AKT-2026-2', requested: '500.00' }), version: 8 } as unknown as ActivityView;
    const merged = withAnswers(
      [item()],
      new Map([
        ['HRO-TW/2026/AKT-2026-1', approved],
        ['HRO-TW/2026/AKT-2026-2', reported],
      ]),
    );
    expect(merged.map((a) => [a.activityId, a.status, a.approved])).toEqual([
      ['AKT-2026-1', 'approved', '600.00'],
      ['AKT-2026-2', 'reported', null],
    ]);
    expect(merged[1]).not.toHaveProperty('version');
  });

  it('offers the decision on a reported activity and the actual cost of an approved one', () => {
    expect(activityRow(item())).toMatchObject({
      decidable: true,
      actualDue: false,
      approved: '–',
      status: 'gemeldet, wartet auf Entscheidung',
      category: 'fallunspezifisch (FU)',
    });
    expect(activityRow(item({ status: 'approved', approved: '600.00' }))).toMatchObject({ decidable: false, actualDue: true, approved: '600,00\u00a0€' });
    expect(activityRow(item({ status: 'settled', approved: '600.00', actual: '550.00' }))).toMatchObject({
      decidable: false,
      actualDue: false,
      actual: '550,00\u00a0€',
    });
  });

  it('reports with the amount as written and the evidence only when there is one; the day names the fiscal year', () => {
    const form = {
      ...emptyActivityForm(),
      sozialraumId: 'HRO-TW',
      category: 'FU' as const,
      activityDate: '2026-06-14',
      amount: '2800,00',
      description: ' Fest ',
    };
    expect(reportActivityBody(form)).toEqual({ category: 'FU', activityDate: '2026-06-14', amount: '2800.00', description: 'Fest' });
    expect(reportActivityBody({ ...form, evidenceReference: 'Angebot 17' }).evidenceReference).toBe('Angebot 17');
    expect(fiscalYearOf('2026-06-14')).toBe(2026);
    expect(fiscalYearOf('')).toBeNull();
  });
});
