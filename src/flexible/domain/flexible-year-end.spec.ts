import { d, toitenwinkel, TOITENWINKEL_VERBUND } from './flexible.fixtures';
import { decideApproveActivity, decideReportActivity } from './activity.decisions';
import { decideGrantSubsidy, decideOrderInstalmentPayment, decideReclaimSubsidy, decideReportUsage } from './subsidy.decisions';
import { flexiblePendingWork } from './flexible-year-end';

describe('flexible money at year close', () => {
  it('blocks on undecided activities, approved ones without their actual report and unpaid instalments; not on usage reports', () => {
    const stream = toitenwinkel();
    stream.decide('2025-01-15', (s) =>
      decideGrantSubsidy({ providerId: 'TR-E', category: 'FUE', purpose: 'Elternkurse', total: d('12000'), instalments: ['2025-02-03', '2025-08-01'].map((dueDate) => ({ dueDate, amount: d('6000') })), bescheidDate: '2025-01-15' }, s, 'HRO-TW', 2025),
    );
    stream.decide('2025-04-25', (s) => decideReportActivity({ providerId: 'TR-E', category: 'FU', activityDate: '2025-06-14', amount: d('2800'), description: 'Stadtteilfest', evidenceReference: null }, s, 'HRO-TW', 2025, TOITENWINKEL_VERBUND));
    stream.decide('2025-05-01', (s) => decideReportActivity({ providerId: 'TR-E', category: 'FU', activityDate: '2025-09-06', amount: d('900'), description: 'Herbstfahrt', evidenceReference: null }, s, 'HRO-TW', 2025, TOITENWINKEL_VERBUND));
    stream.decide('2025-05-02', (s) => decideApproveActivity({ activityId: 'AKT-2025-1', amount: null, bescheidDate: '2025-05-02' }, s, 'HRO-TW', 2025));
    stream.decide('2025-02-03', (s) => decideOrderInstalmentPayment({ subsidyId: 'ZUW-2025-1', instalmentId: 'R1', businessDate: '2025-02-03' }, s, 'HRO-TW', 2025));

    expect(flexiblePendingWork(stream.state.flexible).map((i) => [i.kind, i.id])).toEqual([
      ['activity', 'AKT-2025-1'],
      ['activity', 'AKT-2025-2'],
      ['instalment', 'ZUW-2025-1-R2'],
    ]);
    // R1 is paid but its use not reported: that does not block. A reclaim releases the unpaid R2.
    stream.decide('2025-03-01', (s) => decideReportUsage({ subsidyId: 'ZUW-2025-1', providerId: 'TR-E', lines: [{ instalmentId: 'R1', spent: d('6000'), description: 'Kurse' }] }, s, 'HRO-TW', 2025));
    stream.decide('2025-07-01', (s) => decideReclaimSubsidy({ subsidyId: 'ZUW-2025-1', reason: 'Kurse eingestellt' }, s, 'HRO-TW', 2025));
    expect(flexiblePendingWork(stream.state.flexible).map((i) => i.id)).toEqual(['AKT-2025-1', 'AKT-2025-2']);
  });
});
