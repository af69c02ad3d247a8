import { retentionPlan } from './retention';

describe('retention of free texts', () => {
  const candidate = (subject: string, lastActivity: string, more: { erased?: boolean; onHold?: boolean } = {}) => ({
    subject,
    lastActivity,
    erased: more.erased ?? false,
    onHold: more.onHold ?? false,
  });

  it('erases a case’s texts once its period after the last activity has passed, not a day earlier', () => {
    const plan = retentionPlan(
      [candidate('case:TW-15-001', '2016-03-31'), candidate('case:TW-15-002', '2016-04-01'), candidate('case:TW-25-001', '2025-06-30')],
      { case: 10, activity: 10, subsidy: 10, steering: 10 },
      '2026-03-31',
    );
    expect(plan.due).toEqual([{ subject: 'case:TW-15-001', retentionClass: 'case', lastActivity: '2016-03-31', erasableFrom: '2026-03-31' }]);
    expect(plan.held).toEqual([]);
  });

  it('keeps what is under a legal hold, listed apart, and skips what is erased or of no known class', () => {
    const plan = retentionPlan(
      [
        candidate('case:TW-10-001', '2011-01-01', { onHold: true }),
        candidate('case:TW-10-002', '2011-01-01', { erased: true }),
        candidate('x:1', '2000-01-01'),
      ],
      { case: 10, activity: 10, subsidy: 10, steering: 10 },
      '2026-12-04',
    );
    expect(plan.due).toEqual([]);
    expect(plan.held.map((d) => d.subject)).toEqual(['case:TW-10-001']);
  });

  it("applies each class's own period: a Sozialraum-year's steering texts kept for fewer years than a case's", () => {
    const plan = retentionPlan(
      [candidate('steering:HRO-TW/2019', '2020-01-20'), candidate('case:TW-19-001', '2020-01-20')],
      { case: 10, activity: 10, subsidy: 10, steering: 6 },
      '2026-12-04',
    );
    expect(plan.due).toEqual([{ subject: 'steering:HRO-TW/2019', retentionClass: 'steering', lastActivity: '2020-01-20', erasableFrom: '2026-01-20' }]);
  });
});
