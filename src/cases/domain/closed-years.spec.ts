import { refusal } from '../../../test/support/refusal';
import { caseDecider } from './case-state';
import { CaseStreamEvent } from './case.events';
import { A, GivenApproval, commitmentRecorded, granted, invoiceSubmitted, perMonth } from './case.fixtures';
import { fiscalYearsConcerned, refuseClosedYears, yearsAtStake } from './closed-years';

const fold = (events: CaseStreamEvent[]) => events.reduce(caseDecider.evolve, caseDecider.initialState);

/** FLS from 01.11.2025 to 28.02.2026, invoiced for November. */
const spanning: GivenApproval = {
  legalBasis: '31',
  providerId: 'TR-E',
  rateType: 'hourly',
  rate: '65.00',
  hoursPerMonth: '20',
  start: '2025-11-01',
  end: '2026-02-28',
  bescheidDate: '2025-10-20',
};
const history = () => [
  ...granted(spanning, [perMonth('2025-11', '2025-12', '1300.00'), perMonth('2026-01', '2026-02', '1300.00')]),
  invoiceSubmitted(1, 'TR-E', '2025-11', '20', '1300.00'),
];

describe('a closed fiscal year accepts no bookings and no decision dated into it', () => {
  it('years at stake: the dates of the command and every year of the approvals acted on, with the years between', () => {
    const state = fold(history());
    expect(yearsAtStake(state, [A], ['2025-12-20'])).toEqual([2025, 2026]);
    expect(yearsAtStake(state, [A], ['2028-03-31'])).toEqual([2025, 2026, 2027, 2028]);
    expect(yearsAtStake(state, [], ['2024-12-15', '2025-01-01', null, undefined])).toEqual([2024, 2025]);
    // An unknown approval adds nothing: the decision is refused before it books anything.
    expect(yearsAtStake(state, ['TW-25-001-B9', undefined], ['2025-12-20'])).toEqual([2025]);
    expect(yearsAtStake(state, [], [])).toEqual([]);
  });

  it('refuses a decision dated into a closed year first, naming the year', () => {
    const state = fold(history());
    const booking = commitmentRecorded(spanning, [['2026-03', '1300.00']], 'extension', '2026-01-01');
    const error = refusal(() => refuseClosedYears('2025-12-20', state, [booking], { closedYears: [2025, 2026] }));
    expect([error.problem, error.detail.en, error.extensions]).toEqual([
      'fiscal-year-closed',
      '2025 is closed; a decision dated 2025-12-20 cannot be recorded any more.',
      { fiscalYear: 2025 },
    ]);
  });

  it('refuses bookings into a closed year, naming every closed year booked', () => {
    const state = fold(history());
    const events = [
      commitmentRecorded(spanning, [['2025-12', '100.00']], 'x', '2026-01-10'),
      commitmentRecorded(spanning, [['2026-01', '100.00']], 'x', '2026-01-10'),
    ];
    const error = refusal(() => refuseClosedYears('2027-01-10', state, events, { closedYears: [2025, 2026] }));
    expect([error.problem, error.extensions]).toEqual(['fiscal-year-closed', { closedYears: [2025, 2026] }]);
    expect(refuseClosedYears('2026-01-10', state, events, { closedYears: [2024, 2027] })).toBe(events);
  });

  it('refuses an invoice step of a service month in a closed year, also when no money moves', () => {
    const state = fold(history());
    const step: CaseStreamEvent = { type: 'InvoiceVerified', data: { invoiceId: `${A}-R1`, step: 'sachlich-richtig', verifiedBy: 'wiju-1' } };
    expect(refusal(() => refuseClosedYears('2026-01-10', state, [step], { closedYears: [2025] })).detail).toEqual({
      de: 'Das Haushaltsjahr 2025 ist abgeschlossen und nimmt keine Buchungen mehr an.',
      en: 'The fiscal year 2025 is closed and accepts no bookings.',
    });
    expect(fiscalYearsConcerned(state, [step])).toEqual([2025]);
    // A rejection books nothing: only its date counts.
    const rejection: CaseStreamEvent = { type: 'InvoiceRejected', data: { invoiceId: `${A}-R1`, reason: 'x' } };
    expect(refuseClosedYears('2026-01-10', state, [rejection], { closedYears: [2025] })).toEqual([rejection]);
  });
});
