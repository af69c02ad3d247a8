import type { paths } from './api/api-schema';
import type { SteeringOverview } from './api/types';
import { normaliseDecimal } from './cases';
import { formatAmount, formatDate } from './format';

/**
 * The threshold procedure (R7, R9) on the Sozialraum-year page: its record in rows and the bodies
 * of its steps (steering meeting, supplementary-expenditure request, decision by the competent
 * body, report to the Kämmerei, closing). Pure, without React.
 */

type Body<P extends keyof paths> = paths[P] extends { post: { requestBody?: { content: { 'application/json': infer B } } } } ? B : never;
export type MeetingBody = Body<'/steering/{sozialraumId}/{fiscalYear}/procedure/meetings'>;
export type RequestBody = Body<'/steering/{sozialraumId}/{fiscalYear}/procedure/supplementary-requests'>;
export type DecisionBody = Body<'/steering/{sozialraumId}/{fiscalYear}/procedure/supplementary-requests/{requestId}/decision'>;
export type KaemmereiBody = Body<'/steering/{sozialraumId}/{fiscalYear}/procedure/kaemmerei-report'>;
export type ClosingBody = Body<'/steering/{sozialraumId}/{fiscalYear}/procedure/closing'>;
export type Procedure = NonNullable<SteeringOverview['procedure']>;
export type SupplementaryKind = RequestBody['kind'];

export const KIND_LABEL: Record<SupplementaryKind, string> = { ueberplanmaessig: 'überplanmäßig', ausserplanmaessig: 'außerplanmäßig' };

export interface MeetingForm {
  heldOn: string;
  participants: { organisationId: string; role: string }[];
  /** One measure per line. */
  measures: string;
}

/** The Jugendamt and the Trägerverbund's lead provider must both take part (R7): two rows to start with. */
export const emptyMeetingForm = (jugendamtId: string): MeetingForm => ({
  heldOn: '',
  participants: [
    { organisationId: jugendamtId, role: '' },
    { organisationId: '', role: '' },
  ],
  measures: '',
});

export function meetingBody(form: MeetingForm): MeetingBody {
  return {
    heldOn: form.heldOn,
    participants: form.participants.map((p) => ({ organisationId: p.organisationId.trim(), role: p.role.trim() })).filter((p) => p.organisationId || p.role),
    measures: form.measures
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  };
}

export function requestBody(form: { kind: SupplementaryKind | ''; amount: string; justification: string; coverSource: string }): RequestBody {
  return {
    kind: form.kind,
    amount: normaliseDecimal(form.amount),
    justification: form.justification.trim(),
    coverSource: form.coverSource.trim(),
  } as RequestBody;
}

export function decisionBody(form: { body: string; approved: boolean; decisionReference: string; note: string }): DecisionBody {
  const body: DecisionBody = { body: form.body, approved: form.approved, decisionReference: form.decisionReference.trim() };
  if (form.note.trim()) body.note = form.note.trim();
  return body;
}

export interface MeetingRow {
  heldOn: string;
  participants: string;
  measures: string[];
}

export interface RequestRow {
  requestId: string;
  kind: string;
  amount: string;
  requestedOn: string;
  justification: string;
  coverSource: string;
  competentBody: string;
  decision: string;
  undecided: boolean;
}

export function meetingRows(procedure: Procedure): MeetingRow[] {
  return procedure.meetings.map((m) => ({
    heldOn: formatDate(m.heldOn),
    participants: m.participants.map((p) => `${p.role} (${p.organisationId})`).join(', '),
    measures: [...m.measures],
  }));
}

export function requestRows(procedure: Procedure): RequestRow[] {
  return procedure.requests.map((r) => ({
    requestId: r.requestId,
    kind: KIND_LABEL[r.kind],
    amount: formatAmount(r.amount),
    requestedOn: formatDate(r.requestedOn),
    justification: r.justification,
    coverSource: r.coverSource,
    competentBody: r.competentBody,
    decision: r.decision
      ? `${r.decision.approved ? 'bewilligt' : 'abgelehnt'} von ${r.decision.body} am ${formatDate(r.decision.decidedOn)} (${r.decision.decisionReference})`
      : 'steht aus',
    undecided: r.decision === null,
  }));
}
