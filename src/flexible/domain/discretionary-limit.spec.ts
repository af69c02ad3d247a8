import { deciderSpec } from '../../../test/support/decider-spec';
import { decideApproveActivity, decideReportActivityActual } from './activity.decisions';
import { FlexibleBudgetEvent, FlexibleBudgetState, flexibleBudgetDecider } from './flexible-budget';
import { flexibleFigures } from './flexible-figures';
import {
  ActivityRef,
  CLOSED,
  TOITENWINKEL,
  YEAR,
  activityApproved,
  activityReported,
  d,
  frozen,
  instalmentPaid,
  onDate,
  reallocatedFueToFu,
  subsidyGranted,
} from './flexible.fixtures';
import { GrantSubsidy, decideGrantSubsidy } from './subsidy.decisions';

const grant = deciderSpec(flexibleBudgetDecider, decideGrantSubsidy);
const approve = deciderSpec(flexibleBudgetDecider, decideApproveActivity);
const reportActual = deciderSpec(flexibleBudgetDecider, decideReportActivityActual);
const registered = { providerRegistered: true };

const subsidy = (category: 'FUE' | 'FU', total: string, bescheidDate = '2025-01-15'): GrantSubsidy => ({
  ...YEAR,
  providerId: 'TR-E',
  category,
  purpose: 'Gruppenangebot',
  total: d(total),
  instalments: [{ dueDate: '2025-12-01', amount: d(total) }],
  bescheidDate,
});
/** The n-th subsidy of the year as granted: one instalment due 01.12. */
const granted = (n: number, category: 'FUE' | 'FU', total: string, bescheidDate = '2025-01-15') =>
  subsidyGranted({ subsidyId: `ZUW-2025-${n}`, providerId: 'TR-E', category, purpose: 'Gruppenangebot' }, bescheidDate, [['2025-12-01', total]]);
const paid = (n: number, category: 'FUE' | 'FU', amount: string) =>
  instalmentPaid({ subsidyId: `ZUW-2025-${n}`, providerId: 'TR-E', category, purpose: 'Gruppenangebot' }, 'R1', '2025-12-01', amount);
const ferienfahrt = (amount: string): ActivityRef => ({
  activityId: 'AKT-2025-1',
  providerId: 'TR-G',
  category: 'FU',
  activityDate: '2025-09-01',
  amount,
  description: 'Ferienfahrt',
});
const approval = (on: string) => ({ ...YEAR, activityId: 'AKT-2025-1', amount: null, bescheidDate: on });
const figures = (state: FlexibleBudgetState, category: 'FUE' | 'FU') => flexibleFigures(state).find((f) => f.category === category)!;
const stateOf = (history: FlexibleBudgetEvent[]) => grant.given(history).state;

describe('the discretionary limit (§ 74 SGB VIII)', () => {
  it('grants up to the last cent of the available money and refuses beyond, naming what is available', () => {
    const history = [...TOITENWINKEL, ...granted(1, 'FUE', '24000.00')];
    const refusal = grant.given(history).when(subsidy('FUE', '6000.01'), registered).thenRefused('budget-exhausted');
    expect({ problem: refusal.problem, status: refusal.status, extensions: refusal.extensions }).toEqual({
      problem: 'budget-exhausted',
      status: 422,
      extensions: { category: 'FUE', available: '6000.00', requested: '6000.01' },
    });
    expect(onDate('2025-01-15', grant.given(history).when(subsidy('FUE', '6000'), registered).events())).toEqual(granted(2, 'FUE', '6000.00'));
    const full = [...history, ...granted(2, 'FUE', '6000.00')];
    expect(figures(stateOf(full), 'FUE')).toMatchObject({ granted: '30000.00', available: '0.00' });
    expect(grant.given(full).when(subsidy('FUE', '0.01'), registered).thenRefused('budget-exhausted').extensions).toMatchObject({ available: '0.00' });
  });

  it('counts actual expenditure as bound: paying an instalment does not free money', () => {
    const history = [...TOITENWINKEL, ...granted(1, 'FU', '39000.00'), ...paid(1, 'FU', '39000.00')];
    expect(figures(stateOf(history), 'FU')).toMatchObject({ granted: '39000.00', paid: '39000.00', open: '0.00', available: '1000.00' });
    const reported = [...history, activityReported(ferienfahrt('1000.01'), '2025-03-01')];
    expect(approve.given(reported).when(approval('2025-12-02')).thenRefused('budget-exhausted').extensions).toMatchObject({ available: '1000.00' });
  });

  it('applies to activity approvals, and a lower actual amount frees the rest again', () => {
    const reported = [...TOITENWINKEL, ...granted(1, 'FU', '37000.00'), activityReported(ferienfahrt('3000.00'), '2025-03-01')];
    expect(figures(approve.given(reported).when(approval('2025-03-05')).thenState(), 'FU').available).toBe('0.00');
    const approved = [...reported, ...activityApproved(ferienfahrt('3000.00'), '2025-03-05')];
    const settled = reportActual
      .given(approved)
      .when({ ...YEAR, activityId: 'AKT-2025-1', providerId: 'TR-G', amount: d('2000'), businessDate: '2025-09-02' })
      .thenState();
    expect(figures(settled, 'FU')).toMatchObject({ granted: '39000.00', paid: '2000.00', available: '1000.00' });
    const afterActual = [
      ...approved,
      ...reportActual
        .given(approved)
        .when({ ...YEAR, activityId: 'AKT-2025-1', providerId: 'TR-G', amount: d('2000'), businessDate: '2025-09-02' })
        .events(),
    ];
    expect(
      grant
        .given(afterActual)
        .when(subsidy('FU', '1000', '2025-09-03'), registered)
        .events(),
    ).toHaveLength(2);
  });

  it('refuses every new flexible commitment of a frozen category; money committed before stays and is paid (R8)', () => {
    const history = [
      ...TOITENWINKEL,
      ...granted(1, 'FU', '5000.00'),
      activityReported(ferienfahrt('300.00'), '2025-03-01'),
      frozen('2025-04-01', true, ['FU']),
    ];
    expect(
      grant
        .given(history)
        .when(subsidy('FU', '1', '2025-04-02'), registered)
        .thenRefused('budget-frozen').extensions,
    ).toMatchObject({ category: 'FU' });
    approve.given(history).when(approval('2025-04-02')).thenRefused('budget-frozen');
    expect(
      grant
        .given(history)
        .when(subsidy('FUE', '1000', '2025-04-02'), registered)
        .events(),
    ).toHaveLength(2);
    const paidWhileFrozen = [...history, ...granted(2, 'FUE', '1000.00', '2025-04-02'), ...paid(1, 'FU', '5000.00')];
    expect(figures(stateOf(paidWhileFrozen), 'FU')).toMatchObject({ granted: '5000.00', paid: '5000.00', frozen: true });
    const lifted = [...paidWhileFrozen, frozen('2025-04-15', false, ['FU'])];
    expect(approve.given(lifted).when(approval('2025-04-16')).events()).toHaveLength(2);
  });

  it('follows a reallocation (R11): the limit is planned after the agreement − bound', () => {
    const history = [...TOITENWINKEL, ...granted(1, 'FUE', '24000.00'), ...granted(2, 'FU', '30000.00'), ...reallocatedFueToFu()];
    expect(figures(stateOf(history), 'FUE')).toMatchObject({ planned: '25000.00', granted: '24000.00', available: '1000.00' });
    expect(figures(stateOf(history), 'FU')).toMatchObject({ planned: '45000.00', granted: '30000.00', available: '15000.00' });
    expect(
      grant
        .given(history)
        .when(subsidy('FUE', '1000.01', '2025-06-02'), registered)
        .thenRefused('budget-exhausted').extensions,
    ).toMatchObject({ available: '1000.00' });
    expect(
      figures(
        grant
          .given(history)
          .when(subsidy('FU', '15000', '2025-06-02'), registered)
          .thenState(),
        'FU',
      ).available,
    ).toBe('0.00');
  });

  it('needs a budget, and an open year', () => {
    expect(grant.given([]).when(subsidy('FU', '1'), registered).thenRefused('budget-not-found').status).toBe(404);
    grant
      .given([...TOITENWINKEL, CLOSED])
      .when(subsidy('FU', '1'), registered)
      .thenRefused('fiscal-year-closed');
  });
});
