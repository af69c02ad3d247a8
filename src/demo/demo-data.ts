import { IsoDate, IsoMonth, daysInclusive, firstDayOfMonth, lastDayOfMonth, maxDate, minDate, monthsBetween, nextMonth, yearOf } from '../../libs/calendar';
import { LegalBasis, RateType, Setting } from '../shared/legal-basis';
import { TerminationReason } from '../cases';
import { FlexibleCategory } from '../flexible';
import { BudgetCategory } from '../shared/budget-category';

/**
 * The demo tenant: Hanse- und Universitätsstadt Rostock with the Sozialräume Groß Klein and
 * Toitenwinkel, as in the worked example of the rule book. Invented providers and figures.
 *
 * Two fiscal years, relative to the day the seed runs: the previous year is the worked example's
 * year (docs/example-toitenwinkel-2025.md, moved to that year), closed and settled in January; the
 * current year is in progress up to today. Every fact has its business date; the seed leaves out
 * whatever would be dated after today.
 */
export const DEMO_TENANT = 'HRO-JA';

export const DEMO_PROVIDERS = [
  { providerId: 'TR-E', name: 'Jugendhilfeverbund Nordost e.V.', legalForm: 'e.V.' as const },
  { providerId: 'TR-F', name: 'Kinder- und Jugendwohnen Warnow gGmbH', legalForm: 'gGmbH' as const },
  { providerId: 'TR-G', name: 'Tagesgruppe Dierkow gGmbH', legalForm: 'gGmbH' as const },
  { providerId: 'TR-H', name: 'Stadtteilarbeit Groß Klein e.V.', legalForm: 'e.V.' as const },
];

export const DEMO_SOZIALRAEUME = [
  { sozialraumId: 'HRO-TW', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, lead: 'TR-E', members: ['TR-F', 'TR-G'] },
  { sozialraumId: 'HRO-GK', name: 'Groß Klein', residents: 11800, residentsUnder21: 2600, lead: 'TR-H', members: ['TR-E', 'TR-F'] },
];

export interface DemoYears {
  previous: number;
  current: number;
}

/** The fiscal years the demo shows when seeded on `today` (Europe/Berlin). */
export function demoYears(today: IsoDate): DemoYears {
  return { previous: yearOf(today) - 1, current: yearOf(today) };
}

/** Master data dates: everything is in place before the previous year begins. */
export function demoMasterDataDates({ previous }: DemoYears) {
  return {
    registeredOn: `${previous - 1}-01-02`,
    validFrom: `${previous - 1}-01-01`,
    ratesConcludedOn: `${previous - 1}-12-01`,
    ratesFrom: `${previous}-01-01`,
    contractConcludedOn: `${previous - 1}-11-20`,
    contractFrom: `${previous}-01-01`,
  };
}

export function demoRateAgreements({ previous }: DemoYears) {
  const rate = (providerId: string, legalBasis: LegalBasis, rateType: RateType, amount: string) => ({
    providerId,
    legalBasis,
    rateType,
    amount,
    reference: `EV ${previous}/${legalBasis}-${providerId.slice(3)}`,
  });
  return [
    rate('TR-E', '31', 'hourly', '65.00'),
    rate('TR-E', '30', 'hourly', '65.00'),
    rate('TR-E', '35a', 'hourly', '38.50'),
    rate('TR-F', '34', 'daily', '195.00'),
    rate('TR-F', '42', 'daily', '220.00'),
    rate('TR-G', '32', 'monthly', '2450.00'),
    rate('TR-H', '31', 'hourly', '63.00'),
    rate('TR-H', '29', 'monthly', '640.00'),
  ];
}

export interface DemoBudget {
  sozialraumId: string;
  fiscalYear: number;
  planned: Record<BudgetCategory, string>;
  allocatedOn: IsoDate;
  openedOn: IsoDate;
  decisionReference: string;
}

export interface DemoInvoice {
  month: IsoMonth;
  /** Hours or days delivered; none for a flat month. */
  quantity?: string;
  submitted: IsoDate;
  verified: IsoDate;
}

export interface DemoApproval {
  caseRef: string;
  sozialraumId: string;
  legalBasis: LegalBasis;
  /** R12: stated where the legal basis implies none (§ 35a, § 41). */
  setting?: Setting;
  providerId: string;
  start: IsoDate;
  end?: IsoDate;
  bescheidDate: IsoDate;
  hoursPerMonth?: string;
  rate?: string;
  rateReason?: string;
  termination?: { reason: TerminationReason; effectiveEnd: IsoDate; on: IsoDate };
  kostenbeitrag?: { monthlyAmount: string; from: IsoDate; on: IsoDate };
  invoices: DemoInvoice[];
}

export interface DemoSubsidy {
  sozialraumId: string;
  fiscalYear: number;
  providerId: string;
  category: FlexibleCategory;
  purpose: string;
  total: string;
  bescheidDate: IsoDate;
  /** Each instalment is ordered for payment on its due date. */
  instalments: Array<{ dueDate: IsoDate; amount: string }>;
}

export interface DemoActivity {
  sozialraumId: string;
  fiscalYear: number;
  providerId: string;
  category: FlexibleCategory;
  activityDate: IsoDate;
  amount: string;
  description: string;
  reportedOn: IsoDate;
  approvedOn: IsoDate;
  actual: { amount: string; on: IsoDate };
}

export interface DemoReallocation {
  sozialraumId: string;
  fiscalYear: number;
  proposedBy: string;
  from: BudgetCategory;
  to: BudgetCategory;
  amount: string;
  reason: string;
  proposedOn: IsoDate;
  agreedOn: IsoDate;
}

export interface DemoMonthClose {
  sozialraumId: string;
  fiscalYear: number;
  month: IsoMonth;
  on: IsoDate;
}

/** Year close, settlement and both confirmations (R10), in January of the following year. */
export interface DemoYearEnd {
  sozialraumId: string;
  fiscalYear: number;
  lead: string;
  closedOn: IsoDate;
  calculatedOn: IsoDate;
  confirmedByJugendamtOn: IsoDate;
  confirmedByLeadOn: IsoDate;
}

export interface DemoPlan {
  years: DemoYears;
  budgets: DemoBudget[];
  approvals: DemoApproval[];
  subsidies: DemoSubsidy[];
  activities: DemoActivity[];
  reallocations: DemoReallocation[];
  monthCloses: DemoMonthClose[];
  yearEnds: DemoYearEnd[];
}

type Billing = 'hourly' | 'daily' | 'monthly';

/**
 * The invoices of an approval, one per service month up to December of `throughYear`: submitted
 * on the 3rd and verified and paid on the 5th of the following month, hours as approved unless
 * `hours` says otherwise, days as present in the month.
 */
function invoices(
  a: Omit<DemoApproval, 'invoices'>,
  billing: Billing,
  throughYear: number,
  overrides: { hours?: Record<IsoMonth, string>; verified?: Record<IsoMonth, IsoDate> } = {},
): DemoInvoice[] {
  const last = minDate(a.termination?.effectiveEnd ?? a.end ?? `${throughYear}-12-31`, `${throughYear}-12-31`);
  return monthsBetween(a.start.slice(0, 7), last.slice(0, 7)).map((month) => {
    const days = daysInclusive(maxDate(a.start, firstDayOfMonth(month)), minDate(last, lastDayOfMonth(month)));
    const quantity = billing === 'hourly' ? (overrides.hours?.[month] ?? a.hoursPerMonth) : billing === 'daily' ? String(days) : undefined;
    return { month, quantity, submitted: `${nextMonth(month)}-03`, verified: overrides.verified?.[month] ?? `${nextMonth(month)}-05` };
  });
}

const withInvoices = (a: Omit<DemoApproval, 'invoices'>, billing: Billing, throughYear: number, overrides?: Parameters<typeof invoices>[3]): DemoApproval => ({
  ...a,
  invoices: invoices(a, billing, throughYear, overrides),
});

const monthly = (year: number, day: string, amount: string) =>
  Array.from({ length: 12 }, (_, i) => ({ dueDate: `${year}-${String(i + 1).padStart(2, '0')}-${day}`, amount }));
const quarterly = (year: number, months: string[], day: string, amount: string) => months.map((m) => ({ dueDate: `${year}-${m}-${day}`, amount }));

/**
 * Everything the demo tenant holds as of `today`, by business date. Facts dated after today are
 * part of the plan; the seed leaves them out.
 */
export function demoPlan(today: IsoDate): DemoPlan {
  const years = demoYears(today);
  const P = years.previous;
  const C = years.current;
  const p = String(P).slice(2);
  const c = String(C).slice(2);

  const budgets: DemoBudget[] = [P, C].flatMap((y) => [
    {
      sozialraumId: 'HRO-TW',
      fiscalYear: y,
      planned: { FS: '130000.00', FUE: '30000.00', FU: '40000.00' },
      allocatedOn: `${y - 1}-12-10`,
      openedOn: `${y}-01-01`,
      decisionReference: `BV ${y - 1}/BV/5123`,
    },
    {
      sozialraumId: 'HRO-GK',
      fiscalYear: y,
      planned: { FS: '160000.00', FUE: '25000.00', FU: '35000.00' },
      allocatedOn: `${y - 1}-12-10`,
      openedOn: `${y}-01-01`,
      decisionReference: `BV ${y - 1}/BV/5124`,
    },
  ]);

  // The previous year: the worked example's cases T1–T7 (T2 and T7 open-ended, so they go on), Groß Klein beside it.
  const approvals: DemoApproval[] = [
    withInvoices(
      {
        caseRef: `TW-${p}-001`,
        sozialraumId: 'HRO-TW',
        legalBasis: '31',
        providerId: 'TR-E',
        start: `${P}-01-01`,
        end: `${P}-12-31`,
        bescheidDate: `${P - 1}-12-15`,
        hoursPerMonth: '20',
      },
      'hourly',
      C,
    ),
    withInvoices(
      {
        caseRef: `TW-${p}-002`,
        sozialraumId: 'HRO-TW',
        legalBasis: '34',
        providerId: 'TR-F',
        start: `${P}-03-01`,
        bescheidDate: `${P}-02-20`,
        kostenbeitrag: { monthlyAmount: '180.00', from: `${P}-03-01`, on: `${P}-03-10` },
      },
      'daily',
      C,
    ),
    withInvoices(
      {
        caseRef: `TW-${p}-003`,
        sozialraumId: 'HRO-TW',
        legalBasis: '35a',
        setting: 'ambulant',
        providerId: 'TR-E',
        start: `${P}-02-01`,
        end: `${P}-07-31`,
        bescheidDate: `${P}-01-20`,
        hoursPerMonth: '60',
      },
      'hourly',
      C,
      {
        hours: { [`${P}-03`]: '45' },
        verified: { [`${P}-03`]: `${P}-04-08` },
      },
    ),
    withInvoices(
      {
        caseRef: `TW-${p}-004`,
        sozialraumId: 'HRO-TW',
        legalBasis: '32',
        providerId: 'TR-G',
        start: `${P}-05-01`,
        bescheidDate: `${P}-04-10`,
        termination: { reason: 'abbruch', effectiveEnd: `${P}-09-30`, on: `${P}-09-15` },
      },
      'monthly',
      C,
    ),
    withInvoices(
      {
        caseRef: `TW-${p}-005`,
        sozialraumId: 'HRO-TW',
        legalBasis: '30',
        providerId: 'TR-E',
        start: `${P}-07-01`,
        end: `${P}-12-31`,
        bescheidDate: `${P}-06-05`,
        hoursPerMonth: '10',
      },
      'hourly',
      C,
    ),
    withInvoices(
      {
        caseRef: `TW-${p}-006`,
        sozialraumId: 'HRO-TW',
        legalBasis: '42',
        providerId: 'TR-F',
        start: `${P}-10-06`,
        end: `${P}-10-19`,
        bescheidDate: `${P}-10-06`,
      },
      'daily',
      C,
    ),
    withInvoices(
      {
        caseRef: `TW-${p}-007`,
        sozialraumId: 'HRO-TW',
        legalBasis: '34',
        providerId: 'TR-F',
        start: `${P}-10-01`,
        bescheidDate: `${P}-09-24`,
        rate: '340.00',
        rateReason: 'Intensivgruppe, Einzelvereinbarung',
      },
      'daily',
      C,
    ),
    withInvoices(
      {
        caseRef: `GK-${p}-001`,
        sozialraumId: 'HRO-GK',
        legalBasis: '31',
        providerId: 'TR-H',
        start: `${P}-02-01`,
        end: `${P}-10-31`,
        bescheidDate: `${P}-01-28`,
        hoursPerMonth: '15',
      },
      'hourly',
      C,
    ),
    withInvoices(
      { caseRef: `GK-${p}-002`, sozialraumId: 'HRO-GK', legalBasis: '34', providerId: 'TR-F', start: `${P}-04-01`, bescheidDate: `${P}-03-18` },
      'daily',
      C,
    ),

    // The current year: new help from February on; a Tagesgruppe from June lifts the forecast above B
    // (BudgetWarningRaised on its Bescheid date) until its Abbruch in September releases the rest.
    withInvoices(
      {
        caseRef: `TW-${c}-001`,
        sozialraumId: 'HRO-TW',
        legalBasis: '34',
        providerId: 'TR-F',
        start: `${C}-03-01`,
        bescheidDate: `${C}-02-10`,
        kostenbeitrag: { monthlyAmount: '150.00', from: `${C}-03-01`, on: `${C}-03-20` },
      },
      'daily',
      C,
    ),
    withInvoices(
      {
        caseRef: `TW-${c}-002`,
        sozialraumId: 'HRO-TW',
        legalBasis: '35a',
        setting: 'ambulant',
        providerId: 'TR-E',
        start: `${C}-03-01`,
        end: `${C}-07-31`,
        bescheidDate: `${C}-02-24`,
        hoursPerMonth: '60',
      },
      'hourly',
      C,
      {
        hours: { [`${C}-03`]: '45' },
        verified: { [`${C}-03`]: `${C}-04-08` },
      },
    ),
    withInvoices(
      {
        caseRef: `TW-${c}-003`,
        sozialraumId: 'HRO-TW',
        legalBasis: '32',
        providerId: 'TR-G',
        start: `${C}-06-01`,
        bescheidDate: `${C}-05-12`,
        termination: { reason: 'abbruch', effectiveEnd: `${C}-09-30`, on: `${C}-09-15` },
      },
      'monthly',
      C,
    ),
    withInvoices(
      {
        caseRef: `TW-${c}-004`,
        sozialraumId: 'HRO-TW',
        legalBasis: '31',
        providerId: 'TR-E',
        start: `${C}-07-01`,
        end: `${C}-12-31`,
        bescheidDate: `${C}-06-10`,
        hoursPerMonth: '10',
      },
      'hourly',
      C,
    ),
    withInvoices(
      {
        caseRef: `TW-${c}-005`,
        sozialraumId: 'HRO-TW',
        legalBasis: '42',
        providerId: 'TR-F',
        start: `${C}-08-04`,
        end: `${C}-08-15`,
        bescheidDate: `${C}-08-04`,
      },
      'daily',
      C,
    ),
    withInvoices(
      {
        caseRef: `TW-${c}-006`,
        sozialraumId: 'HRO-TW',
        legalBasis: '35a',
        setting: 'ambulant',
        providerId: 'TR-E',
        start: `${C}-11-01`,
        end: `${C}-12-31`,
        bescheidDate: `${C}-10-20`,
        hoursPerMonth: '20',
      },
      'hourly',
      C,
    ),
    withInvoices(
      {
        caseRef: `GK-${c}-001`,
        sozialraumId: 'HRO-GK',
        legalBasis: '31',
        providerId: 'TR-H',
        start: `${C}-02-01`,
        end: `${C}-09-30`,
        bescheidDate: `${C}-01-26`,
        hoursPerMonth: '20',
      },
      'hourly',
      C,
    ),
    withInvoices(
      {
        caseRef: `GK-${c}-002`,
        sozialraumId: 'HRO-GK',
        legalBasis: '30',
        providerId: 'TR-E',
        start: `${C}-05-01`,
        end: `${C}-12-31`,
        bescheidDate: `${C}-04-20`,
        hoursPerMonth: '8',
      },
      'hourly',
      C,
    ),
  ];

  const subsidies: DemoSubsidy[] = [P, C].flatMap((y) => [
    {
      sozialraumId: 'HRO-TW',
      fiscalYear: y,
      providerId: 'TR-E',
      category: 'FUE' as const,
      purpose: 'Elternkurse',
      total: '24000.00',
      bescheidDate: `${y}-01-15`,
      instalments: quarterly(y, ['02', '05', '08', '11'], '03', '6000.00'),
    },
    {
      sozialraumId: 'HRO-TW',
      fiscalYear: y,
      providerId: 'TR-E',
      category: 'FU' as const,
      purpose: 'Jugendtreff Toitenwinkel',
      total: '30000.00',
      bescheidDate: `${y}-01-15`,
      instalments: monthly(y, '15', '2500.00'),
    },
    {
      sozialraumId: 'HRO-GK',
      fiscalYear: y,
      providerId: 'TR-H',
      category: 'FUE' as const,
      purpose: 'Familiencafé Groß Klein',
      total: '12000.00',
      bescheidDate: `${y}-01-15`,
      instalments: quarterly(y, ['03', '06', '09', '12'], '01', '3000.00'),
    },
    {
      sozialraumId: 'HRO-GK',
      fiscalYear: y,
      providerId: 'TR-H',
      category: 'FU' as const,
      purpose: 'Stadtteilarbeit Groß Klein',
      total: '24000.00',
      bescheidDate: `${y}-01-15`,
      instalments: monthly(y, '20', '2000.00'),
    },
  ]);

  const activities: DemoActivity[] = [
    {
      sozialraumId: 'HRO-TW',
      fiscalYear: P,
      providerId: 'TR-E',
      category: 'FU',
      activityDate: `${P}-06-14`,
      amount: '2800.00',
      description: 'Stadtteilfest Toitenwinkel',
      reportedOn: `${P}-04-25`,
      approvedOn: `${P}-05-02`,
      actual: { amount: '2800.00', on: `${P}-06-20` },
    },
    {
      sozialraumId: 'HRO-TW',
      fiscalYear: C,
      providerId: 'TR-E',
      category: 'FU',
      activityDate: `${C}-06-13`,
      amount: '3000.00',
      description: 'Stadtteilfest Toitenwinkel',
      reportedOn: `${C}-04-24`,
      approvedOn: `${C}-05-04`,
      actual: { amount: '2750.00', on: `${C}-06-22` },
    },
    {
      sozialraumId: 'HRO-GK',
      fiscalYear: C,
      providerId: 'TR-H',
      category: 'FU',
      activityDate: `${C}-07-20`,
      amount: '4500.00',
      description: 'Ferienfreizeit Groß Klein',
      reportedOn: `${C}-05-15`,
      approvedOn: `${C}-05-22`,
      actual: { amount: '4320.00', on: `${C}-07-28` },
    },
  ];

  const reallocations: DemoReallocation[] = [
    {
      sozialraumId: 'HRO-TW',
      fiscalYear: P,
      proposedBy: 'TR-E',
      from: 'FUE',
      to: 'FU',
      amount: '5000.00',
      reason: 'mehr offene Jugendarbeit',
      proposedOn: `${P}-05-20`,
      agreedOn: `${P}-06-01`,
    },
  ];

  // Every month of the previous year is closed on the 9th of the next; of the current year every
  // month that has ended, on the 9th or today, whichever comes first.
  const monthCloses: DemoMonthClose[] = DEMO_SOZIALRAEUME.flatMap(({ sozialraumId }) => [
    ...monthsBetween(`${P}-01`, `${P}-12`).map((month) => ({ sozialraumId, fiscalYear: P, month, on: `${nextMonth(month)}-09` })),
    ...monthsBetween(`${C}-01`, `${C}-12`)
      .filter((month) => lastDayOfMonth(month) < today)
      .map((month) => ({ sozialraumId, fiscalYear: C, month, on: minDate(`${nextMonth(month)}-09`, today) })),
  ]);

  const yearEnds: DemoYearEnd[] = DEMO_SOZIALRAEUME.map(({ sozialraumId, lead }) => ({
    sozialraumId,
    fiscalYear: P,
    lead,
    closedOn: `${C}-01-20`,
    calculatedOn: `${C}-01-21`,
    confirmedByJugendamtOn: `${C}-01-22`,
    confirmedByLeadOn: `${C}-01-23`,
  }));

  return { years, budgets, approvals, subsidies, activities, reallocations, monthCloses, yearEnds };
}
