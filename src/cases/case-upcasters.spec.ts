import { UpcasterRegistry } from '../../libs/event-store';
import { CaseUpcasters } from './case-upcasters';

describe('case upcasters', () => {
  const registry = new UpcasterRegistry();
  new CaseUpcasters(registry);

  it.each([
    ['31', 'ambulant'],
    ['32', 'teilstationaer'],
    ['34', 'stationaer'],
    ['35a', null],
    ['41', null],
  ])('reads an ApprovalGranted of version 1 under § %s with setting %s', (legalBasis, setting) => {
    expect(registry.upcast('ApprovalGranted', 1, { approvalId: 'A-B1', legalBasis })).toEqual({
      schemaVersion: 2,
      data: { approvalId: 'A-B1', legalBasis, setting },
    });
  });

  it('writes new ApprovalGranted events as version 2 and leaves a stated setting alone', () => {
    expect(registry.currentVersion('ApprovalGranted')).toBe(2);
    expect(registry.currentVersion('InvoiceSubmitted')).toBe(1);
    expect(registry.upcast('ApprovalGranted', 2, { legalBasis: '35a', setting: 'stationaer' }).data).toEqual({ legalBasis: '35a', setting: 'stationaer' });
  });
});
