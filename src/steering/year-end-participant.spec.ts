import { sortedBy } from '../../libs/order';
import { PendingItem, pendingWorkOrder } from './year-end-participant';

describe('order of the pending work of a year', () => {
  const item = (kind: string, id: string): PendingItem => ({ kind, id, description: `${kind} ${id}` });
  const expected = [
    item('invoice', 'TW-25-001-B1-R2'),
    item('invoice', 'TW-25-001-B1-R10'),
    item('invoice', 'TW-25-002-B1-R1'),
    item('activity', 'AKT-2025-2'),
    item('activity', 'AKT-2025-10'),
    item('instalment', 'ZUW-2025-1-R1'),
    item('instalment', 'ZUW-2025-1-R2'),
    item('instalment', 'ZUW-2025-3-R1'),
  ];

  it('lists invoices, activities and instalments, each by number, in whatever order the participants named them', () => {
    const flexibleFirst = [...expected.slice(3).reverse(), ...expected.slice(0, 3)];
    expect(sortedBy(flexibleFirst, pendingWorkOrder)).toEqual(expected);
    expect(sortedBy([...expected].reverse(), pendingWorkOrder)).toEqual(expected);
  });
});
