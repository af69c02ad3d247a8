import type { paths } from './api/api-schema';
import { normaliseDecimal } from './cases';
import { formatAmount, formatDate } from './format';

/**
 * Flexible money (R8): activities a Träger of the Trägerverbund reports, the Jugendamt approves
 * within the discretionary limit or rejects, and whose actual cost the Träger reports afterwards.
 * The page's rows, bodies and which step whom is offered. Pure, without React.
 */

export type ActivityPage = paths['/flexible-activities']['get']['responses'][200]['content']['application/json'];
export type ActivityItem = ActivityPage['items'][number];
export type ActivityView = paths['/budgets/{sozialraumId}/{fiscalYear}/activities/{activityId}']['get']['responses'][200]['content']['application/json'];
export type ActivityStatus = ActivityItem['status'];
export type FlexibleCategory = ActivityItem['category'];
export type ReportActivityBody = paths['/budgets/{sozialraumId}/{fiscalYear}/activities']['post']['requestBody']['content']['application/json'];

export const FLEXIBLE_CATEGORIES: readonly FlexibleCategory[] = ['FU', 'FUE'];
export const CATEGORY_LABEL: Record<FlexibleCategory, string> = { FU: 'fallunspezifisch (FU)', FUE: 'fallübergreifend (FUE)' };
export const ACTIVITY_STATUS_LABEL: Record<ActivityStatus, string> = {
  reported: 'gemeldet, wartet auf Entscheidung',
  approved: 'bewilligt',
  rejected: 'abgelehnt',
  settled: 'Ist gemeldet',
};

export interface ActivityRow {
  key: string;
  activityId: string;
  sozialraumId: string;
  fiscalYear: number;
  providerId: string;
  date: string;
  category: string;
  description: string;
  requested: string;
  approved: string;
  actual: string;
  status: string;
  /** The Jugendamt decides a reported activity. */
  decidable: boolean;
  /** The Träger reports the actual cost of an approved one. */
  actualDue: boolean;
}

/** The list as the read model answers it, with what the page's own commands answered since laid over it. */
export function withAnswers(items: readonly ActivityItem[], answers: ReadonlyMap<string, ActivityView>): ActivityItem[] {
  const key = (a: Pick<ActivityItem, 'sozialraumId' | 'fiscalYear' | 'activityId'>) => `${a.sozialraumId}/${a.fiscalYear}/${a.activityId}`;
  const listed = new Set(items.map(key));
  const overlay = (item: ActivityItem): ActivityItem => {
    const answer = answers.get(key(item));
    return answer ? { ...item, status: answer.status, approved: answer.approved, actual: answer.actual, decidedOn: answer.decidedOn } : item;
  };
  const fresh = [...answers.values()]
    .filter((a) => !listed.has(key(a)))
    .map((a): ActivityItem => ({
      activityId: a.activityId,
      sozialraumId: a.sozialraumId,
      fiscalYear: a.fiscalYear,
      providerId: a.providerId,
      category: a.category,
      activityDate: a.activityDate,
      description: a.description,
      requested: a.requested,
      approved: a.approved,
      actual: a.actual,
      status: a.status,
      reportedOn: a.reportedOn,
      decidedOn: a.decidedOn,
    }));
  return [...items.map(overlay), ...fresh];
}

export function activityRow(item: ActivityItem): ActivityRow {
  return {
    key: `${item.sozialraumId}/${item.fiscalYear}/${item.activityId}`,
    activityId: item.activityId,
    sozialraumId: item.sozialraumId,
    fiscalYear: item.fiscalYear,
    providerId: item.providerId,
    date: formatDate(item.activityDate),
    category: CATEGORY_LABEL[item.category],
    description: item.description,
    requested: formatAmount(item.requested),
    approved: item.approved === null ? '–' : formatAmount(item.approved),
    actual: item.actual === null ? '–' : formatAmount(item.actual),
    status: ACTIVITY_STATUS_LABEL[item.status],
    decidable: item.status === 'reported',
    actualDue: item.status === 'approved',
  };
}

export interface ActivityForm {
  sozialraumId: string;
  category: FlexibleCategory | '';
  activityDate: string;
  amount: string;
  description: string;
  evidenceReference: string;
}

export const emptyActivityForm = (): ActivityForm => ({ sozialraumId: '', category: '', activityDate: '', amount: '', description: '', evidenceReference: '' });

export function reportActivityBody(form: ActivityForm): ReportActivityBody {
  const body = {
    category: form.category,
    activityDate: form.activityDate,
    amount: normaliseDecimal(form.amount),
    description: form.description.trim(),
  } as ReportActivityBody;
  if (form.evidenceReference.trim()) body.evidenceReference = form.evidenceReference.trim();
  return body;
}

/** The fiscal year an activity belongs to: the year of its day (the page asks the API for that budget). */
export function fiscalYearOf(activityDate: string): number | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(activityDate) ? Number(activityDate.slice(0, 4)) : null;
}
