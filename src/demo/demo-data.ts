/**
 * The demo tenant: Hanse- und Universitätsstadt Rostock with the Sozialräume Groß Klein and
 * Toitenwinkel, as in the worked example of the rule book. Invented providers and figures.
 */
export const DEMO_TENANT = 'HRO-JA';

export const DEMO_PROVIDERS = [
  { providerId: 'TR-E', name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' as const },
  { providerId: 'TR-F', name: 'Kinder- und Jugendwohnen Warnow gGmbH', legalForm: 'gGmbH' as const },
  { providerId: 'TR-G', name: 'Tagesgruppe Dierkow gGmbH', legalForm: 'gGmbH' as const },
  { providerId: 'TR-H', name: 'Stadtteilarbeit Groß Klein e.V.', legalForm: 'e.V.' as const },
];

export const DEMO_RATE_AGREEMENTS = [
  { providerId: 'TR-E', legalBasis: '31' as const, rateType: 'hourly' as const, amount: '65.00', reference: 'EV 2025/31-E' },
  { providerId: 'TR-E', legalBasis: '30' as const, rateType: 'hourly' as const, amount: '65.00', reference: 'EV 2025/30-E' },
  { providerId: 'TR-E', legalBasis: '35a' as const, rateType: 'hourly' as const, amount: '38.50', reference: 'EV 2025/35a-E' },
  { providerId: 'TR-F', legalBasis: '34' as const, rateType: 'daily' as const, amount: '195.00', reference: 'EV 2025/34-F' },
  { providerId: 'TR-F', legalBasis: '42' as const, rateType: 'daily' as const, amount: '220.00', reference: 'EV 2025/42-F' },
  { providerId: 'TR-G', legalBasis: '32' as const, rateType: 'monthly' as const, amount: '2450.00', reference: 'EV 2025/32-G' },
  { providerId: 'TR-H', legalBasis: '31' as const, rateType: 'hourly' as const, amount: '63.00', reference: 'EV 2025/31-H' },
  { providerId: 'TR-H', legalBasis: '29' as const, rateType: 'monthly' as const, amount: '640.00', reference: 'EV 2025/29-H' },
];

export const DEMO_SOZIALRAEUME = [
  {
    sozialraumId: 'HRO-TW',
    name: 'Toitenwinkel',
    residents: 14200,
    residentsUnder21: 2900,
    lead: 'TR-E',
    members: ['TR-F', 'TR-G'],
    planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
  },
  {
    sozialraumId: 'HRO-GK',
    name: 'Groß Klein',
    residents: 11800,
    residentsUnder21: 2600,
    lead: 'TR-H',
    members: ['TR-E', 'TR-F'],
    planned: { FS: '160000.00', FUE: '25000.00', FU: '35000.00' },
  },
];

/** The first approvals of the Toitenwinkel example (commitments only; invoices follow month by month). */
export const DEMO_CASES = [
  { caseRef: 'TW-25-001', sozialraumId: 'HRO-TW', legalBasis: '31' as const, providerId: 'TR-E', start: '2025-01-01', end: '2025-12-31', bescheidDate: '2024-12-15', hoursPerMonth: '20' },
  { caseRef: 'TW-25-002', sozialraumId: 'HRO-TW', legalBasis: '34' as const, providerId: 'TR-F', start: '2025-03-01', bescheidDate: '2025-02-20' },
  { caseRef: 'TW-25-003', sozialraumId: 'HRO-TW', legalBasis: '35a' as const, providerId: 'TR-E', start: '2025-02-01', end: '2025-07-31', bescheidDate: '2025-01-20', hoursPerMonth: '60' },
  { caseRef: 'GK-25-001', sozialraumId: 'HRO-GK', legalBasis: '31' as const, providerId: 'TR-H', start: '2025-02-01', end: '2025-10-31', bescheidDate: '2025-01-28', hoursPerMonth: '15' },
];

export const DEMO_SUBSIDIES = [
  { sozialraumId: 'HRO-TW', providerId: 'TR-E', category: 'FUE' as const, purpose: 'Elternkurse', total: '24000.00', instalments: ['2025-02-03', '2025-05-03', '2025-08-03', '2025-11-03'].map((dueDate) => ({ dueDate, amount: '6000.00' })) },
  {
    sozialraumId: 'HRO-TW',
    providerId: 'TR-E',
    category: 'FU' as const,
    purpose: 'Jugendtreff Toitenwinkel',
    total: '30000.00',
    instalments: Array.from({ length: 12 }, (_, i) => ({ dueDate: `2025-${String(i + 1).padStart(2, '0')}-15`, amount: '2500.00' })),
  },
];
