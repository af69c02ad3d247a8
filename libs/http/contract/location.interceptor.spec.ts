import { fillLocation } from './location.interceptor';

describe('fillLocation', () => {
  it('fills the template from the answer first, then from the path parameters', () => {
    expect(fillLocation('/cases/{caseRef}/invoices/{invoiceId}', { caseRef: 'TW-25-001' }, { invoiceId: 'TW-25-001-B1-R1' })).toBe(
      '/cases/TW-25-001/invoices/TW-25-001-B1-R1',
    );
    expect(fillLocation('/budgets/{sozialraumId}/{fiscalYear}', {}, { sozialraumId: 'HRO-TW', fiscalYear: 2025 })).toBe('/budgets/HRO-TW/2025');
  });

  it('refuses a template the answer cannot fill: the created id must be in it', () => {
    expect(() => fillLocation('/providers/{providerId}/rate-agreements/{agreementId}', { providerId: 'TR-E' }, {})).toThrow('agreementId');
  });
});
