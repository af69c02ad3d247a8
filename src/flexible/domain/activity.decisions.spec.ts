import {
  ReportActivity,
  decideApproveActivity,
  decideRejectActivity,
  decideReportActivity,
  decideReportActivityActual,
} from './activity.decisions';
import { flexibleFigures } from './flexible-figures';
import { Stream, d, refusal, toitenwinkel, TOITENWINKEL_VERBUND } from './flexible.fixtures';

const stadtteilfest: ReportActivity = {
  providerId: 'TR-E',
  category: 'FU',
  activityDate: '2025-06-14',
  amount: d('2800'),
  description: 'Stadtteilfest Toitenwinkel',
  evidenceReference: 'Angebot TR-E 2025/17',
};

const reportActivity = (stream: Stream, on = '2025-04-25', command = stadtteilfest) => stream.decide(on, (s) => decideReportActivity(command, s, 'HRO-TW', 2025, TOITENWINKEL_VERBUND));
const approve = (stream: Stream, on = '2025-05-02', amount: string | null = null, activityId = 'AKT-2025-1') =>
  stream.decide(on, (s) => decideApproveActivity({ activityId, amount: amount === null ? null : d(amount), bescheidDate: on }, s, 'HRO-TW', 2025));
const reportActual = (stream: Stream, on: string, amount: string, providerId = 'TR-E') =>
  stream.decide(on, (s) => decideReportActivityActual({ activityId: 'AKT-2025-1', providerId, amount: d(amount), businessDate: on }, s, 'HRO-TW', 2025));
const fu = (stream: Stream) => flexibleFigures(stream.state).find((f) => f.category === 'FU')!;

describe('provider-reported flexible activities', () => {
  it('only a provider of the Trägerverbund on the activity date reports activities of the Sozialraum', () => {
    const stream = toitenwinkel();
    const outsider = { ...stadtteilfest, providerId: 'TR-Z' };
    const refused = refusal(() => stream.decide('2025-04-25', (s) => decideReportActivity(outsider, s, 'HRO-TW', 2025, TOITENWINKEL_VERBUND)));
    expect(refused).toMatchObject({ problem: 'provider-not-in-traegerverbund', extensions: { providerId: 'TR-Z' } });
    expect(refusal(() => stream.decide('2025-04-25', (s) => decideReportActivity(stadtteilfest, s, 'HRO-TW', 2025, null))).problem).toBe('provider-not-in-traegerverbund');
    const member = reportActivity(stream, '2025-04-25', { ...stadtteilfest, providerId: 'TR-G' });
    expect(member[0]).toMatchObject({ type: 'FlexibleActivityReported', data: { providerId: 'TR-G' } });
  });

  it('a report commits nothing; the approval commits the activity month (R3, R5)', () => {
    const stream = toitenwinkel();
    const [reported] = reportActivity(stream);
    expect(reported).toMatchObject({
      type: 'FlexibleActivityReported',
      data: { activityId: 'AKT-2025-1', providerId: 'TR-E', category: 'FU', activityDate: '2025-06-14', month: '2025-06', amount: '2800.00', evidenceReference: 'Angebot TR-E 2025/17' },
    });
    expect(fu(stream)).toMatchObject({ granted: '0.00', available: '40000.00' });
    const [approved, commitment] = approve(stream);
    expect(approved).toMatchObject({ type: 'FlexibleActivityApproved', data: { activityId: 'AKT-2025-1', approvedAmount: '2800.00', bescheidDate: '2025-05-02' } });
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
    expect(fu(stream)).toMatchObject({ granted: '2800.00', paid: '0.00', open: '2800.00', available: '37200.00' });
  });

  it('the actual amount becomes actual expenditure of the activity month', () => {
    const stream = toitenwinkel();
    reportActivity(stream);
    approve(stream);
    const events = reportActual(stream, '2025-06-20', '2800');
    expect(events.map((e) => e.type)).toEqual(['FlexibleActivityActualReported', 'ExpenditureAccrued']);
    expect(events[1]).toMatchObject({ data: { month: '2025-06', amount: '2800.00', reference: 'AKT-2025-1', source: { kind: 'flexible-item' } }, businessDate: '2025-06-20' });
    expect(fu(stream)).toMatchObject({ granted: '2800.00', paid: '2800.00', open: '0.00' });
    expect(refusal(() => reportActual(stream, '2025-06-21', '1')).problem).toBe('actual-already-reported');
  });

  it('a lower actual amount releases the rest (report-lower)', () => {
    const stream = toitenwinkel();
    reportActivity(stream);
    approve(stream);
    const [, , released] = reportActual(stream, '2025-06-20', '2456.78');
    expect(released).toMatchObject({ type: 'CommitmentReleased', data: { lines: [{ month: '2025-06', amount: '343.22' }], total: '343.22', reason: 'report-lower', source: { id: 'AKT-2025-1' } } });
    expect(fu(stream)).toMatchObject({ granted: '2456.78', paid: '2456.78', open: '0.00', available: '37543.22' });
  });

  it('refuses over-reporting: more than approved needs a new approval', () => {
    const stream = toitenwinkel();
    reportActivity(stream);
    approve(stream, '2025-05-02', '2500');
    expect(refusal(() => reportActual(stream, '2025-06-20', '2500.01'))).toMatchObject({ problem: 'actual-exceeds-approval', extensions: { approved: '2500.00' } });
    expect(fu(stream)).toMatchObject({ granted: '2500.00', paid: '0.00' });
  });

  it('only the reporting provider reports the actual amount, after the activity, of an approved activity', () => {
    const stream = toitenwinkel();
    reportActivity(stream);
    expect(refusal(() => reportActual(stream, '2025-06-20', '100')).problem).toBe('activity-not-approved');
    approve(stream);
    expect(refusal(() => reportActual(stream, '2025-06-20', '100', 'TR-F'))).toMatchObject({ problem: 'activity-not-found', status: 404 });
    expect(refusal(() => reportActual(stream, '2025-06-13', '100')).problem).toBe('activity-not-held-yet');
  });

  it('approves at most the reported amount, once; a rejection keeps its reason and commits nothing', () => {
    const stream = toitenwinkel();
    reportActivity(stream);
    expect(refusal(() => approve(stream, '2025-05-02', '2800.01'))).toMatchObject({ problem: 'approval-exceeds-request', extensions: { requested: '2800.00' } });
    const [rejected] = stream.decide('2025-05-02', (s) => decideRejectActivity({ activityId: 'AKT-2025-1', reason: 'nicht im Sozialraum' }, s, 'HRO-TW', 2025));
    expect(rejected).toEqual({ type: 'FlexibleActivityRejected', businessDate: '2025-05-02', data: { activityId: 'AKT-2025-1', reason: 'nicht im Sozialraum' } });
    expect(refusal(() => approve(stream)).problem).toBe('activity-already-decided');
    expect(refusal(() => reportActual(stream, '2025-06-20', '1')).problem).toBe('activity-not-approved');
    expect(fu(stream)).toMatchObject({ granted: '0.00' });
    expect(refusal(() => approve(stream, '2025-05-02', null, 'AKT-2025-9'))).toMatchObject({ problem: 'activity-not-found', status: 404 });
  });

  it('refuses activities outside the fiscal year', () => {
    const stream = toitenwinkel();
    expect(refusal(() => reportActivity(stream, '2025-04-25', { ...stadtteilfest, activityDate: '2026-01-10' })).problem).toBe('activity-outside-fiscal-year');
  });
});
