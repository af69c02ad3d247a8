import { decideApproveActivity, decideReportActivity, decideReportActivityActual } from './activity.decisions';
import { flexibleFigures } from './flexible-figures';
import { Stream, close, d, freeze, reallocateFueToFu, refusal, toitenwinkel, TOITENWINKEL_VERBUND } from './flexible.fixtures';
import { initialFlexibleBudgetState } from './flexible-budget';
import { GrantSubsidy, decideGrantSubsidy, decideOrderInstalmentPayment } from './subsidy.decisions';

const subsidy = (category: 'FUE' | 'FU', total: string, bescheidDate = '2025-01-15'): GrantSubsidy => ({
  providerId: 'TR-E',
  category,
  purpose: 'Gruppenangebot',
  total: d(total),
  instalments: [{ dueDate: '2025-12-01', amount: d(total) }],
  bescheidDate,
});
const grant = (stream: Stream, command: GrantSubsidy) => stream.decide(command.bescheidDate, (s) => decideGrantSubsidy(command, s, 'HRO-TW', 2025));
const activity = (stream: Stream, amount: string) =>
  stream.decide('2025-03-01', (s) =>
    decideReportActivity({ providerId: 'TR-G', category: 'FU', activityDate: '2025-09-01', amount: d(amount), description: 'Ferienfahrt', evidenceReference: null }, s, 'HRO-TW', 2025, TOITENWINKEL_VERBUND),
  );
const figures = (stream: Stream, category: 'FUE' | 'FU') => flexibleFigures(stream.state).find((f) => f.category === category)!;

describe('the discretionary limit (§ 74 SGB VIII)', () => {
  it('grants up to the last cent of the available money and refuses beyond, naming what is available', () => {
    const stream = toitenwinkel();
    grant(stream, subsidy('FUE', '24000'));
    expect(refusal(() => grant(stream, subsidy('FUE', '6000.01')))).toEqual({
      problem: 'budget-exhausted',
      status: 422,
      extensions: { category: 'FUE', available: '6000.00', requested: '6000.01' },
    });
    grant(stream, subsidy('FUE', '6000'));
    expect(figures(stream, 'FUE')).toMatchObject({ granted: '30000.00', available: '0.00' });
    expect(refusal(() => grant(stream, subsidy('FUE', '0.01'))).extensions).toMatchObject({ available: '0.00' });
  });

  it('counts actual expenditure as bound: paying an instalment does not free money', () => {
    const stream = toitenwinkel();
    grant(stream, subsidy('FU', '39000'));
    stream.decide('2025-12-01', (s) => decideOrderInstalmentPayment({ subsidyId: 'ZUW-2025-1', instalmentId: 'R1', businessDate: '2025-12-01' }, s, 'HRO-TW', 2025));
    expect(figures(stream, 'FU')).toMatchObject({ granted: '39000.00', paid: '39000.00', open: '0.00', available: '1000.00' });
    activity(stream, '1000.01');
    expect(refusal(() => decideApproveActivity({ activityId: 'AKT-2025-1', amount: null, bescheidDate: '2025-12-02' }, stream.state, 'HRO-TW', 2025))).toMatchObject({
      problem: 'budget-exhausted',
      extensions: { available: '1000.00' },
    });
  });

  it('applies to activity approvals, and a lower actual amount frees the rest again', () => {
    const stream = toitenwinkel();
    grant(stream, subsidy('FU', '37000'));
    activity(stream, '3000');
    stream.decide('2025-03-05', (s) => decideApproveActivity({ activityId: 'AKT-2025-1', amount: null, bescheidDate: '2025-03-05' }, s, 'HRO-TW', 2025));
    expect(figures(stream, 'FU').available).toBe('0.00');
    stream.decide('2025-09-02', (s) => decideReportActivityActual({ activityId: 'AKT-2025-1', providerId: 'TR-G', amount: d('2000'), businessDate: '2025-09-02' }, s, 'HRO-TW', 2025));
    expect(figures(stream, 'FU')).toMatchObject({ granted: '39000.00', paid: '2000.00', available: '1000.00' });
    grant(stream, subsidy('FU', '1000', '2025-09-03'));
  });

  it('refuses every new flexible commitment of a frozen category; money committed before stays and is paid (R8)', () => {
    const stream = toitenwinkel();
    grant(stream, subsidy('FU', '5000'));
    activity(stream, '300');
    freeze(stream, '2025-04-01', true, ['FU']);
    expect(refusal(() => grant(stream, subsidy('FU', '1', '2025-04-02')))).toMatchObject({ problem: 'budget-frozen', extensions: { category: 'FU' } });
    expect(refusal(() => decideApproveActivity({ activityId: 'AKT-2025-1', amount: null, bescheidDate: '2025-04-02' }, stream.state, 'HRO-TW', 2025)).problem).toBe('budget-frozen');
    grant(stream, subsidy('FUE', '1000', '2025-04-02'));
    stream.decide('2025-12-01', (s) => decideOrderInstalmentPayment({ subsidyId: 'ZUW-2025-1', instalmentId: 'R1', businessDate: '2025-12-01' }, s, 'HRO-TW', 2025));
    expect(figures(stream, 'FU')).toMatchObject({ granted: '5000.00', paid: '5000.00', frozen: true });
    freeze(stream, '2025-04-15', false, ['FU']);
    stream.decide('2025-04-16', (s) => decideApproveActivity({ activityId: 'AKT-2025-1', amount: null, bescheidDate: '2025-04-16' }, s, 'HRO-TW', 2025));
  });

  it('follows a reallocation (R11): the limit is planned after the agreement − bound', () => {
    const stream = toitenwinkel();
    grant(stream, subsidy('FUE', '24000'));
    grant(stream, subsidy('FU', '30000'));
    reallocateFueToFu(stream);
    expect(figures(stream, 'FUE')).toMatchObject({ planned: '25000.00', granted: '24000.00', available: '1000.00' });
    expect(figures(stream, 'FU')).toMatchObject({ planned: '45000.00', granted: '30000.00', available: '15000.00' });
    expect(refusal(() => grant(stream, subsidy('FUE', '1000.01', '2025-06-02'))).extensions).toMatchObject({ available: '1000.00' });
    grant(stream, subsidy('FU', '15000', '2025-06-02'));
    expect(figures(stream, 'FU').available).toBe('0.00');
  });

  it('needs a budget, and an open year', () => {
    expect(refusal(() => decideGrantSubsidy(subsidy('FU', '1'), initialFlexibleBudgetState, 'HRO-TW', 2025))).toMatchObject({ problem: 'budget-not-found', status: 404 });
    const stream = toitenwinkel();
    close(stream);
    expect(refusal(() => grant(stream, subsidy('FU', '1'))).problem).toBe('fiscal-year-closed');
  });
});
