import { deciderSpec } from '../../../test/support/decider-spec';
import { ReportActivity, decideApproveActivity, decideRejectActivity, decideReportActivity, decideReportActivityActual } from './activity.decisions';
import { FlexibleBudgetEvent, FlexibleBudgetState, flexibleBudgetDecider } from './flexible-budget';
import { flexibleFigures } from './flexible-figures';
import { ActivityRef, TOITENWINKEL, TOITENWINKEL_VERBUND, YEAR, activityApproved, d, onDate } from './flexible.fixtures';

const report = deciderSpec(flexibleBudgetDecider, decideReportActivity);
const approve = deciderSpec(flexibleBudgetDecider, decideApproveActivity);
const reject = deciderSpec(flexibleBudgetDecider, decideRejectActivity);
const reportActual = deciderSpec(flexibleBudgetDecider, decideReportActivityActual);
const verbund = { verbund: TOITENWINKEL_VERBUND };

const stadtteilfest: ReportActivity = {
  ...YEAR,
  providerId: 'TR-E',
  category: 'FU',
  activityDate: '2025-06-14',
  amount: d('2800'),
  description: 'Stadtteilfest Toitenwinkel',
  evidenceReference: 'Angebot TR-E 2025/17',
};
const STADTTEILFEST: ActivityRef = {
  activityId: 'AKT-2025-1',
  providerId: 'TR-E',
  category: 'FU',
  activityDate: '2025-06-14',
  amount: '2800.00',
  description: 'Stadtteilfest Toitenwinkel',
};
const reported: FlexibleBudgetEvent[] = [
  ...TOITENWINKEL,
  { type: 'FlexibleActivityReported', data: { ...STADTTEILFEST, month: '2025-06', evidenceReference: 'Angebot TR-E 2025/17' }, businessDate: '2025-04-25' },
];
const approved = (amount = '2800.00') => [...reported, ...activityApproved(STADTTEILFEST, '2025-05-02', amount)];

const approval = (on = '2025-05-02', amount: string | null = null, activityId = 'AKT-2025-1') => ({
  ...YEAR,
  activityId,
  amount: amount === null ? null : d(amount),
  bescheidDate: on,
});
const actual = (on: string, amount: string, providerId = 'TR-E') => ({ ...YEAR, activityId: 'AKT-2025-1', providerId, amount: d(amount), businessDate: on });
const fu = (state: FlexibleBudgetState) => flexibleFigures(state).find((f) => f.category === 'FU')!;

describe('provider-reported flexible activities', () => {
  it('only a provider of the Trägerverbund on the activity date reports activities of the Sozialraum', () => {
    const outsider = { ...stadtteilfest, providerId: 'TR-Z' };
    expect(report.given(TOITENWINKEL).when(outsider, verbund).thenRefused('provider-not-in-traegerverbund').extensions).toMatchObject({ providerId: 'TR-Z' });
    report.given(TOITENWINKEL).when(stadtteilfest, { verbund: null }).thenRefused('provider-not-in-traegerverbund');
    const member = report
      .given(TOITENWINKEL)
      .when({ ...stadtteilfest, providerId: 'TR-G' }, verbund)
      .events();
    expect(member[0]).toMatchObject({ type: 'FlexibleActivityReported', data: { providerId: 'TR-G' } });
  });

  it('a report commits nothing; the approval commits the activity month (R3, R5)', () => {
    const events = onDate('2025-04-25', report.given(TOITENWINKEL).when(stadtteilfest, verbund).events());
    expect(events[0]).toMatchObject({
      type: 'FlexibleActivityReported',
      data: {
        activityId: 'AKT-2025-1',
        providerId: 'TR-E',
        category: 'FU',
        activityDate: '2025-06-14',
        month: '2025-06',
        amount: '2800.00',
        evidenceReference: 'Angebot TR-E 2025/17',
      },
    });
    expect(events).toEqual(reported.slice(TOITENWINKEL.length));
    expect(fu(report.given(TOITENWINKEL).when(stadtteilfest, verbund).thenState())).toMatchObject({ granted: '0.00', available: '40000.00' });
    const [approvedEvent, commitment] = onDate('2025-05-02', approve.given(reported).when(approval()).events());
    expect(approvedEvent).toMatchObject({
      type: 'FlexibleActivityApproved',
      data: { activityId: 'AKT-2025-1', approvedAmount: '2800.00', bescheidDate: '2025-05-02' },
    });
    expect(commitment).toEqual({
      type: 'CommitmentRecorded',
      businessDate: '2025-05-02',
      data: {
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        category: 'FU',
        inBudget: true,
        providerId: 'TR-E',
        source: { kind: 'flexible-item', id: 'AKT-2025-1', label: 'Stadtteilfest Toitenwinkel' },
        lines: [{ month: '2025-06', amount: '2800.00' }],
        total: '2800.00',
        reason: 'flexible-approval',
      },
    });
    expect([approvedEvent, commitment]).toEqual(approved().slice(reported.length));
    expect(fu(approve.given(reported).when(approval()).thenState())).toMatchObject({
      granted: '2800.00',
      paid: '0.00',
      open: '2800.00',
      available: '37200.00',
    });
  });

  it('the actual amount becomes actual expenditure of the activity month', () => {
    const events = onDate('2025-06-20', reportActual.given(approved()).when(actual('2025-06-20', '2800')).events());
    expect(events.map((e) => e.type)).toEqual(['FlexibleActivityActualReported', 'ExpenditureAccrued']);
    expect(events[1]).toMatchObject({
      data: { month: '2025-06', amount: '2800.00', reference: 'AKT-2025-1', source: { kind: 'flexible-item' } },
      businessDate: '2025-06-20',
    });
    expect(fu(reportActual.given(approved()).when(actual('2025-06-20', '2800')).thenState())).toMatchObject({
      granted: '2800.00',
      paid: '2800.00',
      open: '0.00',
    });
    reportActual
      .given([...approved(), ...events])
      .when(actual('2025-06-21', '1'))
      .thenRefused('actual-already-reported');
  });

  it('a lower actual amount releases the rest (report-lower)', () => {
    const [, , released] = reportActual.given(approved()).when(actual('2025-06-20', '2456.78')).events();
    expect(released).toMatchObject({
      type: 'CommitmentReleased',
      data: { lines: [{ month: '2025-06', amount: '343.22' }], total: '343.22', reason: 'report-lower', source: { id: 'AKT-2025-1' } },
    });
    expect(fu(reportActual.given(approved()).when(actual('2025-06-20', '2456.78')).thenState())).toMatchObject({
      granted: '2456.78',
      paid: '2456.78',
      open: '0.00',
      available: '37543.22',
    });
  });

  it('refuses over-reporting: more than approved needs a new approval', () => {
    const lower = approved('2500.00');
    expect(onDate('2025-05-02', approve.given(reported).when(approval('2025-05-02', '2500')).events())).toEqual(lower.slice(reported.length));
    expect(reportActual.given(lower).when(actual('2025-06-20', '2500.01')).thenRefused('actual-exceeds-approval').extensions).toMatchObject({
      approved: '2500.00',
    });
    expect(fu(reportActual.given(lower).state)).toMatchObject({ granted: '2500.00', paid: '0.00' });
  });

  it('only the reporting provider reports the actual amount, after the activity, of an approved activity', () => {
    reportActual.given(reported).when(actual('2025-06-20', '100')).thenRefused('activity-not-approved');
    expect(
      reportActual
        .given(approved())
        .when(actual('2025-06-20', '100', 'TR-F'))
        .thenRefused('activity-not-found').status,
    ).toBe(404);
    reportActual.given(approved()).when(actual('2025-06-13', '100')).thenRefused('activity-not-held-yet');
  });

  it('approves at most the reported amount, once; a rejection keeps its reason and commits nothing', () => {
    expect(approve.given(reported).when(approval('2025-05-02', '2800.01')).thenRefused('approval-exceeds-request').extensions).toMatchObject({
      requested: '2800.00',
    });
    const [rejected] = onDate(
      '2025-05-02',
      reject
        .given(reported)
        .when({ ...YEAR, activityId: 'AKT-2025-1', reason: 'nicht im Sozialraum' })
        .events(),
    );
    expect(rejected).toEqual({
      type: 'FlexibleActivityRejected',
      businessDate: '2025-05-02',
      data: { activityId: 'AKT-2025-1', reason: 'nicht im Sozialraum' },
    });
    const afterRejection = [...reported, rejected];
    approve.given(afterRejection).when(approval()).thenRefused('activity-already-decided');
    reportActual.given(afterRejection).when(actual('2025-06-20', '1')).thenRefused('activity-not-approved');
    expect(fu(approve.given(afterRejection).state)).toMatchObject({ granted: '0.00' });
    expect(
      approve
        .given(afterRejection)
        .when(approval('2025-05-02', null, 'AKT-2025-9'))
        .thenRefused('activity-not-found').status,
    ).toBe(404);
  });

  it('refuses activities outside the fiscal year', () => {
    report
      .given(TOITENWINKEL)
      .when({ ...stadtteilfest, activityDate: '2026-01-10' }, verbund)
      .thenRefused('activity-outside-fiscal-year');
  });
});
