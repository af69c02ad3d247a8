import type { paths } from './api/api-schema';
import type { CaseView } from './api/types';
import { formatAmount, formatDate, formatMonth } from './format';

/**
 * The caseworker's part (ASD): labels, the default setting of a legal basis, the request bodies of
 * the forms and the rows of the tables. Pure, without React. The forms take only the pseudonymous
 * case reference, never names, birth dates or diagnoses.
 */

export type ApprovalPage = paths['/approvals']['get']['responses'][200]['content']['application/json'];
export type ApprovalItem = ApprovalPage['items'][number];
export type CaseApproval = CaseView['approvals'][number];
export type LegalBasis = ApprovalItem['legalBasis'];
export type Setting = NonNullable<CaseApproval['setting']>;
export type RateType = ApprovalItem['rateType'];
export type ApprovalStatus = ApprovalItem['status'];
export type GrantBody = paths['/cases/{caseRef}/approvals']['post']['requestBody']['content']['application/json'];
export type TerminationBody = paths['/cases/{caseRef}/approvals/{approvalId}/termination']['post']['requestBody']['content']['application/json'];
export type TerminationReason = TerminationBody['reason'];
export type ExtensionBody = paths['/cases/{caseRef}/approvals/{approvalId}/extension']['post']['requestBody']['content']['application/json'];
export type KostenbeitragBody = paths['/cases/{caseRef}/kostenbeitraege']['post']['requestBody']['content']['application/json'];
export type KostenerstattungBody = paths['/cases/{caseRef}/kostenerstattungen']['post']['requestBody']['content']['application/json'];
export type ScopeChangeBody = paths['/cases/{caseRef}/approvals/{approvalId}/scope-changes']['post']['requestBody']['content']['application/json'];
export type OpenCaseBody = paths['/cases']['post']['requestBody']['content']['application/json'];

/** The legal bases in the order of the SGB VIII, with the names the API gives them (src/shared/legal-basis.ts). */
export const LEGAL_BASIS_NAMES: Record<LegalBasis, string> = {
  '27': 'Hilfe zur Erziehung (allgemein)',
  '28': 'Erziehungsberatung',
  '29': 'Soziale Gruppenarbeit',
  '30': 'Erziehungsbeistand, Betreuungshelfer',
  '31': 'Sozialpädagogische Familienhilfe (SPFH)',
  '32': 'Erziehung in einer Tagesgruppe',
  '33': 'Vollzeitpflege',
  '34': 'Heimerziehung, sonstige betreute Wohnform',
  '35': 'Intensive sozialpädagogische Einzelbetreuung',
  '35a': 'Eingliederungshilfe für seelisch behinderte Kinder und Jugendliche',
  '41': 'Hilfe für junge Volljährige',
  '42': 'Inobhutnahme',
};

export const LEGAL_BASES = Object.keys(LEGAL_BASIS_NAMES) as LegalBasis[];

/** "§ 31 SGB VIII Sozialpädagogische Familienhilfe (SPFH)", as the API's legalBasisLabel. */
export function legalBasisLabel(code: LegalBasis): string {
  return `§ ${code} SGB VIII ${LEGAL_BASIS_NAMES[code]}`;
}

/** "§ 31 SGB VIII" for a table cell. */
export function legalBasisShort(code: LegalBasis): string {
  return `§ ${code} SGB VIII`;
}

export const SETTINGS: readonly Setting[] = ['ambulant', 'teilstationaer', 'stationaer'];

export const SETTING_LABEL: Record<Setting, string> = { ambulant: 'ambulant', teilstationaer: 'teilstationär', stationaer: 'stationär' };

/**
 * The setting a legal basis implies (R12): §§ 27–31, 35 ambulant; § 32 teilstationär; §§ 33, 34, 42
 * stationär. § 35a and § 41 are delivered in any setting and must state it: null.
 */
export function defaultSetting(code: LegalBasis): Setting | null {
  switch (code) {
    case '27':
    case '28':
    case '29':
    case '30':
    case '31':
    case '35':
      return 'ambulant';
    case '32':
      return 'teilstationaer';
    case '33':
    case '34':
    case '42':
      return 'stationaer';
    case '35a':
    case '41':
      return null;
  }
}

/** Whether the form must ask for the setting (§ 35a, § 41). */
export function settingRequired(code: LegalBasis): boolean {
  return defaultSetting(code) === null;
}

export const STATUS_LABEL: Record<ApprovalStatus, string> = { running: 'laufend', terminated: 'beendet' };

export const RATE_TYPE_LABEL: Record<RateType, string> = { monthly: 'je Monat', hourly: 'je Fachleistungsstunde', daily: 'je Tag' };

export const TERMINATION_REASONS: readonly TerminationReason[] = ['planmaessig', 'abbruch', 'zustaendigkeitswechsel'];

export const TERMINATION_REASON_LABEL: Record<TerminationReason, string> = {
  planmaessig: 'planmäßig beendet',
  abbruch: 'Abbruch',
  zustaendigkeitswechsel: 'Zuständigkeitswechsel',
};

/** "01.01.2025 – 31.12.2025", or "ab 01.01.2025, unbefristet". */
export function formatPeriod(period: { start: string; end: string | null }): string {
  return period.end ? `${formatDate(period.start)} – ${formatDate(period.end)}` : `ab ${formatDate(period.start)}, unbefristet`;
}

/** The pseudonymous case reference the API accepts (src/shared/identifiers.ts): "TW-25-001". */
export const CASE_REF_PATTERN = /^[A-Z]{1,6}-\d{2}-\d{3,5}$/;

/** The body of POST /cases: the reference in capitals, without spaces. */
export function openCaseBody(form: { caseRef: string; sozialraumId: string }): OpenCaseBody {
  return { caseRef: form.caseRef.trim().toUpperCase(), sozialraumId: form.sozialraumId };
}

export interface GrantForm {
  legalBasis: LegalBasis;
  providerId: string;
  start: string;
  /** Empty: unbefristet. */
  end: string;
  bescheidDate: string;
  hoursPerMonth: string;
  /** Empty: none chosen (only possible where the legal basis implies none). */
  setting: Setting | '';
}

/** A fresh grant form: the legal basis's default setting preselected. */
export function emptyGrantForm(legalBasis: LegalBasis = '31'): GrantForm {
  return { legalBasis, providerId: '', start: '', end: '', bescheidDate: '', hoursPerMonth: '', setting: defaultSetting(legalBasis) ?? '' };
}

/**
 * Another legal basis chosen: the setting follows the new basis's default; where the new basis
 * implies none (§ 35a, § 41) the caseworker has to choose one.
 */
export function withLegalBasis(form: GrantForm, legalBasis: LegalBasis): GrantForm {
  return { ...form, legalBasis, setting: defaultSetting(legalBasis) ?? '' };
}

/** "20", "20,5" or "20.5" as the API's decimal string; the text as typed where it is none (the server says why). */
export function normaliseDecimal(input: string): string {
  const text = input.trim().replace(/\s/g, '');
  return /^\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
}

/** The body of POST /cases/{caseRef}/approvals: empty fields left out (end: unbefristet). */
export function grantBody(form: GrantForm): GrantBody {
  const body: GrantBody = { legalBasis: form.legalBasis, providerId: form.providerId, start: form.start, bescheidDate: form.bescheidDate };
  if (form.end) body.end = form.end;
  if (form.setting) body.setting = form.setting;
  const hours = normaliseDecimal(form.hoursPerMonth);
  if (hours) body.hoursPerMonth = hours;
  return body;
}

export interface TerminationForm {
  reason: TerminationReason | '';
  effectiveEnd: string;
  note: string;
}

/** The body of POST …/termination; an empty note is left out. */
export function terminationBody(form: TerminationForm): TerminationBody {
  const body = { reason: form.reason, effectiveEnd: form.effectiveEnd } as TerminationBody;
  if (form.note.trim()) body.note = form.note.trim();
  return body;
}

/**
 * An extension in one Bescheid: a later end (or none: unbefristet) and, where the scope changes
 * with it, the provider and the hours for the added months. Empty fields keep what was approved.
 */
export interface ExtensionForm {
  openEnded: boolean;
  newEnd: string;
  reason: string;
  providerId: string;
  hoursPerMonth: string;
}

export const emptyExtensionForm = (): ExtensionForm => ({ openEnded: false, newEnd: '', reason: '', providerId: '', hoursPerMonth: '' });

export function extensionBody(form: ExtensionForm): ExtensionBody {
  const body: ExtensionBody = { newEnd: form.openEnded ? null : form.newEnd, reason: form.reason.trim() };
  if (form.providerId) body.providerId = form.providerId;
  const hours = normaliseDecimal(form.hoursPerMonth);
  if (hours) body.hoursPerMonth = hours;
  return body;
}

/** A change of scope from a day on (a month's first day for monthly and hourly rates, R3): provider or hours. */
export interface ScopeChangeForm {
  from: string;
  providerId: string;
  hoursPerMonth: string;
  reason: string;
}

export const emptyScopeChangeForm = (): ScopeChangeForm => ({ from: '', providerId: '', hoursPerMonth: '', reason: '' });

export function scopeChangeBody(form: ScopeChangeForm): ScopeChangeBody {
  const body: ScopeChangeBody = { from: form.from, reason: form.reason.trim() };
  if (form.providerId) body.providerId = form.providerId;
  const hours = normaliseDecimal(form.hoursPerMonth);
  if (hours) body.hoursPerMonth = hours;
  return body;
}

export interface ApprovalListRow {
  key: string;
  caseRef: string;
  approvalId: string;
  legalBasis: string;
  providers: string;
  period: string;
  status: string;
  sozialraumId: string;
}

/** The rows of the Fälle list: per approval the case, legal basis, provider names, period and status. */
export function approvalListRows(items: readonly ApprovalItem[], providers: ReadonlyMap<string, string> | undefined): ApprovalListRow[] {
  return items.map((item) => ({
    key: `${item.caseRef}/${item.approvalId}`,
    caseRef: item.caseRef,
    approvalId: item.approvalId,
    legalBasis: legalBasisShort(item.legalBasis),
    providers: item.providerIds.map((id) => providers?.get(id) ?? id).join(', '),
    period: formatPeriod(item.period),
    status: STATUS_LABEL[item.status],
    sozialraumId: item.sozialraumId,
  }));
}

export interface YearRow {
  fiscalYear: number;
  committed: string;
  invoiced: string;
  actual: string;
  openCommitment: string;
  /** R2: Kostenbeiträge and Kostenerstattungen of the year; null where the caller sees no revenue (a Träger). */
  revenue: string | null;
}

export interface RevenueRow {
  id: string;
  kind: string;
  period: string;
  amount: string;
  detail: string;
}

export interface CaseApprovalRow {
  approvalId: string;
  help: string;
  legalBasis: LegalBasis;
  setting: string;
  providers: string;
  period: string;
  status: string;
  running: boolean;
  /** Unbefristet: nothing to extend. */
  openEnded: boolean;
  /** Hours per month are part of the scope (Fachleistungsstunden). */
  hourly: boolean;
  bescheidDate: string;
  rate: string;
  budget: string;
  termination: string;
  years: YearRow[];
  /** Kostenbeiträge and Kostenerstattungen as fixed and claimed; null where the caller sees no revenue. */
  revenue: RevenueRow[] | null;
}

/** "38,50 € je Fachleistungsstunde, 20 Stunden je Monat" from the newest rate. */
function rateText(approval: CaseApproval): string {
  const current = approval.rates[approval.rates.length - 1];
  if (!current) return '';
  const hours = current.hoursPerMonth ? `, ${current.hoursPerMonth.replace('.', ',')} Stunden je Monat` : '';
  return `${formatAmount(current.rate)} ${RATE_TYPE_LABEL[approval.rateType]}${hours}`;
}

/** An approval of a case as the case page shows it: every figure as the API gives it, formatted, never computed. */
export function caseApprovalRow(approval: CaseApproval, providers: ReadonlyMap<string, string> | undefined): CaseApprovalRow {
  const providerIds = [...new Set(approval.rates.map((r) => r.providerId))];
  return {
    approvalId: approval.approvalId,
    help: approval.help,
    legalBasis: approval.legalBasis,
    setting: approval.setting ? SETTING_LABEL[approval.setting] : 'nicht angegeben',
    providers: providerIds.map((id) => providers?.get(id) ?? id).join(', '),
    period: formatPeriod(approval.period),
    status: STATUS_LABEL[approval.status],
    running: approval.status === 'running',
    openEnded: approval.period.end === null,
    hourly: approval.rateType === 'hourly',
    bescheidDate: formatDate(approval.bescheidDate),
    rate: rateText(approval),
    budget: approval.classification.inBudget ? 'im Sozialraumbudget' : 'neben dem Budget',
    termination: approval.termination
      ? `${TERMINATION_REASON_LABEL[approval.termination.reason]} zum ${formatDate(approval.termination.effectiveEnd)}${approval.termination.note ? ` (${approval.termination.note})` : ''}`
      : '',
    years: approval.years.map((y) => ({
      fiscalYear: y.fiscalYear,
      committed: formatAmount(y.committed),
      invoiced: formatAmount(y.invoiced),
      actual: formatAmount(y.actual),
      openCommitment: formatAmount(y.openCommitment),
      revenue: y.revenue === undefined ? null : formatAmount(y.revenue),
    })),
    revenue:
      approval.kostenbeitraege === undefined && approval.kostenerstattungen === undefined
        ? null
        : [
            ...(approval.kostenbeitraege ?? []).map((k) => ({
              id: k.kostenbeitragId,
              kind: 'Kostenbeitrag',
              period: formatPeriod({ start: k.from, end: k.to }),
              amount: `${formatAmount(k.monthlyAmount)} je Monat`,
              detail: '§§ 91 ff. SGB VIII',
            })),
            ...(approval.kostenerstattungen ?? []).map((k) => ({
              id: k.claimId,
              kind: 'Kostenerstattung',
              period: formatMonth(k.serviceMonth),
              amount: formatAmount(k.amount),
              detail: `gegen ${k.debtorAuthority}, Az. ${k.reference}`,
            })),
          ],
  };
}

/** A Kostenbeitrag fixed for an approval from a day, open-ended or to a day (R2). */
export interface KostenbeitragForm {
  monthlyAmount: string;
  from: string;
  to: string;
}

export function kostenbeitragBody(approvalId: string, form: KostenbeitragForm): KostenbeitragBody {
  const body: KostenbeitragBody = { approvalId, monthlyAmount: normaliseDecimal(form.monthlyAmount), from: form.from };
  if (form.to) body.to = form.to;
  return body;
}

/** A Kostenerstattung claimed against another Jugendamt for a Leistungsmonat (R2). */
export interface KostenerstattungForm {
  debtorAuthority: string;
  serviceMonth: string;
  amount: string;
  reference: string;
}

export function kostenerstattungBody(approvalId: string, form: KostenerstattungForm): KostenerstattungBody {
  return {
    approvalId,
    debtorAuthority: form.debtorAuthority.trim(),
    serviceMonth: form.serviceMonth,
    amount: normaliseDecimal(form.amount),
    reference: form.reference.trim(),
  };
}

/** The fiscal years an approval binds money in: where the Sozialraum's steering shows its consequences. */
export function steeringYears(approval: Pick<CaseApproval, 'years' | 'period'>): number[] {
  const years = approval.years.map((y) => y.fiscalYear);
  return years.length > 0 ? years : [Number(approval.period.start.slice(0, 4))];
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** The message of a problem's errors[] for one field of the form (undefined when it names none). */
export function fieldMessage(errors: readonly FieldProblem[] | undefined, field: string): string | undefined {
  const messages = (errors ?? []).filter((e) => e.field === field || e.field.startsWith(`${field}.`)).map((e) => e.message);
  return messages.length > 0 ? messages.join(' ') : undefined;
}

/** Whether every field a problem names is one of the form's, so nothing needs saying above the form. */
export function allShownAtFields(errors: readonly FieldProblem[] | undefined, fields: readonly string[]): boolean {
  return (errors ?? []).length > 0 && (errors ?? []).every((e) => fields.some((f) => e.field === f || e.field.startsWith(`${f}.`)));
}
