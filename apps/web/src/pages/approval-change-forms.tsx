import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { changeScope, extendApproval, terminateApproval } from '../api/cases';
import { providersQuery } from '../api/queries';
import type { CaseView } from '../api/types';
import {
  allShownAtFields,
  emptyExtensionForm,
  emptyScopeChangeForm,
  extensionBody,
  fieldMessage,
  scopeChangeBody,
  steeringYears,
  TERMINATION_REASON_LABEL,
  TERMINATION_REASONS,
  terminationBody,
  type CaseApprovalRow,
  type ExtensionForm,
  type ScopeChangeForm,
  type TerminationForm,
  type TerminationReason,
} from '../cases';
import { formatDate } from '../format';
import { DateField, DecimalField, Field, FormProblem, problemOf, ProviderSelect, TextAreaField, type Submissions } from './case-forms';

const EXTENSION_FIELDS = ['newEnd', 'reason', 'providerId', 'hoursPerMonth'] as const;
const SCOPE_FIELDS = ['from', 'reason', 'providerId', 'hoursPerMonth'] as const;
const TERMINATION_FIELDS = ['reason', 'effectiveEnd', 'note'] as const;

/** What a booked grant or change says: the approval and the years whose steering shows its consequences. */
export interface Booked {
  title: string;
  approvalId: string;
  sozialraumId: string;
  years: number[];
}

export interface ChangeFormProps {
  caseView: CaseView;
  row: CaseApprovalRow;
  submissions: Submissions;
  onBooked: (booked: Booked, announcement: string) => void;
  reload: () => void;
}

function bookedOf(answer: CaseView, approvalId: string, title: string): Booked {
  const approval = answer.approvals.find((a) => a.approvalId === approvalId);
  return { title, approvalId, sozialraumId: answer.sozialraumId, years: approval ? steeringYears(approval) : [] };
}

/** The shell of a change: its fields, the refusal that names none of them (or a 412 with "Neu laden"), the button. */
export function ChangeForm({
  label,
  intent,
  fields,
  submissions,
  failedTitle,
  submitLabel,
  reload,
  onSubmit,
  children,
}: {
  label: string;
  intent: string;
  fields: readonly string[];
  submissions: Submissions;
  failedTitle: string;
  submitLabel: string;
  /** Offered as "Neu laden" after a 412: only for a form that sends If-Match. */
  reload?: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const problem = problemOf(submissions.errorOf(intent));
  const pending = submissions.isPending(intent);
  return (
    <form
      className="app-inline-form"
      noValidate
      aria-label={label}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
      {problem && !allShownAtFields(problem.errors, fields) ? (
        <FormProblem
          problem={problem}
          failedTitle={failedTitle}
          onReload={
            reload
              ? () => {
                  submissions.dismiss(intent);
                  reload();
                }
              : undefined
          }
          onDismiss={() => submissions.dismiss(intent)}
        />
      ) : null}
      <div className="app-actions">
        <button type="submit" className="kern-btn kern-btn--secondary" aria-disabled={pending}>
          <span className="kern-label">
            {submitLabel}
            {pending ? ' – wird gebucht …' : ''}
          </span>
        </button>
      </div>
    </form>
  );
}

/** Provider and hours of a changed scope; empty keeps what was approved. */
function ScopeFields({
  id,
  row,
  providerLabel,
  form,
  onChange,
  error,
}: {
  id: string;
  row: CaseApprovalRow;
  providerLabel: string;
  form: { providerId: string; hoursPerMonth: string };
  onChange: (change: { providerId?: string; hoursPerMonth?: string }) => void;
  error: (field: string) => string | undefined;
}) {
  const providers = useQuery(providersQuery());
  return (
    <>
      <Field id={`${id}-provider`} label={providerLabel} hint="Leer: der bisherige Träger" error={error('providerId')}>
        {(described) => (
          <ProviderSelect
            id={`${id}-provider`}
            value={form.providerId}
            onChange={(providerId) => onChange({ providerId })}
            providers={providers.data}
            emptyLabel="– wie bisher –"
            described={described}
          />
        )}
      </Field>
      {row.hourly ? (
        <DecimalField
          id={`${id}-hours`}
          label="Fachleistungsstunden je Monat (freiwillig)"
          hint="Leer: wie bisher"
          value={form.hoursPerMonth}
          onChange={(hoursPerMonth) => onChange({ hoursPerMonth })}
          error={error('hoursPerMonth')}
        />
      ) : null}
    </>
  );
}

/** An extension in one Bescheid: later end or unbefristet, with the scope of the added months where it changes. */
export function ExtensionFormView({ caseView, row, submissions, onBooked, reload }: ChangeFormProps) {
  const id = useId();
  const [form, setForm] = useState<ExtensionForm>(emptyExtensionForm());
  const intent = `extend:${row.approvalId}`;
  const error = (field: string) => fieldMessage(problemOf(submissions.errorOf(intent))?.errors, field);

  const submit = async () => {
    const body = extensionBody(form);
    const done = await submissions.submit(intent, (idempotencyKey) =>
      extendApproval(caseView.caseRef, row.approvalId, body, { idempotencyKey, caseVersion: caseView.version }),
    );
    if (done) {
      setForm(emptyExtensionForm());
      onBooked(
        bookedOf(done, row.approvalId, `Die Verlängerung von ${row.approvalId} ist gebucht.`),
        body.newEnd ? `Bewilligung ${row.approvalId} verlängert bis ${formatDate(body.newEnd)}.` : `Bewilligung ${row.approvalId} ist jetzt unbefristet.`,
      );
    }
  };

  return (
    <ChangeForm
      label={`Bewilligung ${row.approvalId} verlängern`}
      intent={intent}
      fields={EXTENSION_FIELDS}
      submissions={submissions}
      failedTitle="Die Verlängerung konnte nicht gebucht werden."
      submitLabel="Verlängerung buchen"
      reload={reload}
      onSubmit={() => void submit()}
    >
      <div className="kern-form-check">
        <input
          id={`${id}-open`}
          className="kern-form-check__checkbox"
          type="checkbox"
          checked={form.openEnded}
          onChange={(event) => setForm({ ...form, openEnded: event.target.checked })}
        />
        <label className="kern-label" htmlFor={`${id}-open`}>
          Unbefristet verlängern
        </label>
      </div>
      {form.openEnded ? null : (
        <DateField id={`${id}-end`} label="Neues Ende" value={form.newEnd} onChange={(newEnd) => setForm({ ...form, newEnd })} error={error('newEnd')} />
      )}
      <TextAreaField
        id={`${id}-reason`}
        label="Grund der Verlängerung"
        value={form.reason}
        onChange={(reason) => setForm({ ...form, reason })}
        error={error('reason')}
      />
      <ScopeFields
        id={id}
        row={row}
        providerLabel="Träger im verlängerten Zeitraum"
        form={form}
        onChange={(change) => setForm({ ...form, ...change })}
        error={error}
      />
    </ChangeForm>
  );
}

/** A change of scope from a day on: another provider or other hours; the commitments follow (R5). */
export function ScopeChangeFormView({ caseView, row, submissions, onBooked, reload }: ChangeFormProps) {
  const id = useId();
  const [form, setForm] = useState<ScopeChangeForm>(emptyScopeChangeForm());
  const intent = `scope:${row.approvalId}`;
  const error = (field: string) => fieldMessage(problemOf(submissions.errorOf(intent))?.errors, field);

  const submit = async () => {
    const body = scopeChangeBody(form);
    const done = await submissions.submit(intent, (idempotencyKey) =>
      changeScope(caseView.caseRef, row.approvalId, body, { idempotencyKey, caseVersion: caseView.version }),
    );
    if (done) {
      setForm(emptyScopeChangeForm());
      onBooked(
        bookedOf(done, row.approvalId, `Die Änderung des Umfangs von ${row.approvalId} ist gebucht.`),
        `Umfang der Bewilligung ${row.approvalId} ab ${formatDate(body.from)} geändert.`,
      );
    }
  };

  return (
    <ChangeForm
      label={`Umfang der Bewilligung ${row.approvalId} ändern`}
      intent={intent}
      fields={SCOPE_FIELDS}
      submissions={submissions}
      failedTitle="Die Änderung des Umfangs konnte nicht gebucht werden."
      submitLabel="Änderung buchen"
      reload={reload}
      onSubmit={() => void submit()}
    >
      <DateField
        id={`${id}-from`}
        label="Gilt ab"
        hint="Bei Monatspauschale und Fachleistungsstunden ein Monatserster"
        value={form.from}
        onChange={(from) => setForm({ ...form, from })}
        error={error('from')}
      />
      <ScopeFields id={id} row={row} providerLabel="Träger ab diesem Tag" form={form} onChange={(change) => setForm({ ...form, ...change })} error={error} />
      <TextAreaField
        id={`${id}-reason`}
        label="Grund der Änderung"
        value={form.reason}
        onChange={(reason) => setForm({ ...form, reason })}
        error={error('reason')}
      />
    </ChangeForm>
  );
}

/** The end of a running approval, with its reason; no booking is undone (R5: what is still bound is released). */
export function TerminationFormView({
  caseView,
  row,
  submissions,
  announce,
  reload,
}: Omit<ChangeFormProps, 'onBooked'> & { announce: (text: string) => void }) {
  const id = useId();
  const [form, setForm] = useState<TerminationForm>({ reason: '', effectiveEnd: '', note: '' });
  const intent = `terminate:${row.approvalId}`;
  const error = (field: string) => fieldMessage(problemOf(submissions.errorOf(intent))?.errors, field);

  const submit = async () => {
    const done = await submissions.submit(intent, (idempotencyKey) =>
      terminateApproval(caseView.caseRef, row.approvalId, terminationBody(form), { idempotencyKey, caseVersion: caseView.version }),
    );
    if (done) {
      announce(`Bewilligung ${row.approvalId} beendet.`);
      reload();
    }
  };

  return (
    <ChangeForm
      label={`Bewilligung ${row.approvalId} beenden`}
      intent={intent}
      fields={TERMINATION_FIELDS}
      submissions={submissions}
      failedTitle="Die Beendigung konnte nicht gebucht werden."
      submitLabel="Bewilligung beenden"
      reload={reload}
      onSubmit={() => void submit()}
    >
      <Field id={`${id}-reason`} label="Grund der Beendigung" error={error('reason')}>
        {(described) => (
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${id}-reason`}
              className="kern-form-input__select"
              value={form.reason}
              onChange={(event) => setForm({ ...form, reason: event.target.value as TerminationReason | '' })}
              {...described}
            >
              <option value="">– bitte wählen –</option>
              {TERMINATION_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {TERMINATION_REASON_LABEL[reason]}
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      <DateField
        id={`${id}-end`}
        label="Letzter Tag der Hilfe"
        value={form.effectiveEnd}
        onChange={(effectiveEnd) => setForm({ ...form, effectiveEnd })}
        error={error('effectiveEnd')}
      />
      <TextAreaField id={`${id}-note`} label="Anmerkung (freiwillig)" value={form.note} onChange={(note) => setForm({ ...form, note })} error={error('note')} />
    </ChangeForm>
  );
}
