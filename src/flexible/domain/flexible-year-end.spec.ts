import { deciderSpec } from '../../../test/support/decider-spec';
import { flexibleBudgetDecider } from './flexible-budget';
import {
  ActivityRef,
  SubsidyRef,
  TOITENWINKEL,
  YEAR,
  activityApproved,
  activityReported,
  instalmentPaid,
  subsidyGranted,
  usageReported,
} from './flexible.fixtures';
import { flexiblePendingWork } from './flexible-year-end';
import { decideReclaimSubsidy } from './subsidy.decisions';

const reclaim = deciderSpec(flexibleBudgetDecider, decideReclaimSubsidy);
const ELTERNKURSE: SubsidyRef = { subsidyId: 'ZUW-2025-1', providerId: 'TR-E', category: 'FUE', purpose: 'Elternkurse' };
const STADTTEILFEST: ActivityRef = {
  activityId: 'AKT-2025-1',
  providerId: 'TR-E',
  category: 'FU',
  activityDate: '2025-06-14',
  amount: '2800.00',
  description: 'Stadtteilfest',
};
const HERBSTFAHRT: ActivityRef = {
  activityId: 'AKT-2025-2',
  providerId: 'TR-E',
  category: 'FU',
  activityDate: '2025-09-06',
  amount: '900.00',
  description: 'Herbstfahrt',
};

describe('flexible money at year close', () => {
  it('blocks on undecided activities, approved ones without their actual report and unpaid instalments; not on usage reports', () => {
    const history = [
      ...TOITENWINKEL,
      ...subsidyGranted(ELTERNKURSE, '2025-01-15', [
        ['2025-02-03', '6000.00'],
        ['2025-08-01', '6000.00'],
      ]),
      activityReported(STADTTEILFEST, '2025-04-25'),
      activityReported(HERBSTFAHRT, '2025-05-01'),
      ...activityApproved(STADTTEILFEST, '2025-05-02'),
      ...instalmentPaid(ELTERNKURSE, 'R1', '2025-02-03', '6000.00'),
    ];
    expect(flexiblePendingWork(reclaim.given(history).state.flexible).map((i) => [i.kind, i.id])).toEqual([
      ['activity', 'AKT-2025-1'],
      ['activity', 'AKT-2025-2'],
      ['instalment', 'ZUW-2025-1-R2'],
    ]);
    // R1 is paid but its use not reported: that does not block. A reclaim releases the unpaid R2.
    const reported = [...history, usageReported('ZUW-2025-1', '2025-03-01', [['R1', '6000.00', '6000.00']])];
    const reclaimed = reclaim
      .given(reported)
      .when({ ...YEAR, subsidyId: 'ZUW-2025-1', reason: 'Kurse eingestellt' })
      .thenState();
    expect(flexiblePendingWork(reclaimed.flexible).map((i) => i.id)).toEqual(['AKT-2025-1', 'AKT-2025-2']);
  });
});
