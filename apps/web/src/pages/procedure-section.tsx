import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { closeProcedure, decideSupplementary, holdMeeting, reportToKaemmerei, requestSupplementary, type SteeringTarget } from '../api/procedure';
import type { SteeringOverview } from '../api/types';
import { fieldMessage } from '../cases';
import { Disclosure } from '../components/disclosure';
import { formatAmount, formatDate } from '../format';
import {
  decisionBody,
  emptyMeetingForm,
  KIND_LABEL,
  meetingBody,
  meetingRows,
  requestBody,
  requestRows,
  type MeetingForm,
  type Procedure,
  type RequestRow,
  type SupplementaryKind,
} from '../procedure-forms';
import { useSession } from '../use-session';
import { useSubmission } from '../use-submission';
import { ChangeForm } from './approval-change-forms';
import { DateField, DecimalField, Field, problemOf, TextAreaField, TextField, type Submissions } from './case-forms';

type Booked = (announcement: string) => void;

interface StepProps {
  steering: SteeringOverview;
  submissions: Submissions;
  onBooked: Booked;
  reload: () => void;
}

const target = (steering: SteeringOverview, idempotencyKey: string): SteeringTarget => ({
  sozialraumId: steering.sozialraumId,
  fiscalYear: steering.fiscalYear,
  version: steering.version,
  idempotencyKey,
});

function useErrors(submissions: Submissions, intent: string) {
  return (field: string) => fieldMessage(problemOf(submissions.errorOf(intent))?.errors, field);
}

function MeetingStep({ steering, submissions, onBooked, reload }: StepProps) {
  const id = useId();
  const tenant = useSession()?.tenant ?? '';
  const [form, setForm] = useState<MeetingForm>(emptyMeetingForm(tenant));
  const intent = 'meeting';
  const error = useErrors(submissions, intent);
  const setParticipant = (index: number, change: Partial<MeetingForm['participants'][number]>) =>
    setForm({ ...form, participants: form.participants.map((p, i) => (i === index ? { ...p, ...change } : p)) });
  return (
    <ChangeForm
      label="Steuerungsrunde buchen"
      intent={intent}
      fields={['heldOn', 'participants', 'measures']}
      submissions={submissions}
      failedTitle="Die Steuerungsrunde konnte nicht gebucht werden."
      submitLabel="Steuerungsrunde buchen"
      reload={reload}
      onSubmit={() =>
        void submissions
          .submit(intent, (key) => holdMeeting(target(steering, key), meetingBody(form)))
          .then((done) => {
            if (!done) return;
            setForm(emptyMeetingForm(tenant));
            onBooked(`Steuerungsrunde vom ${formatDate(form.heldOn)} gebucht.`);
          })
      }
    >
      <DateField
        id={`${id}-on`}
        label="Tag der Steuerungsrunde"
        value={form.heldOn}
        onChange={(heldOn) => setForm({ ...form, heldOn })}
        error={error('heldOn')}
      />
      {form.participants.map((participant, index) => (
        <fieldset key={index} className="kern-fieldset">
          <legend className="kern-label">Teilnehmende Stelle {index + 1}</legend>
          <TextField
            id={`${id}-org-${index}`}
            label={`Organisation ${index + 1}`}
            hint={index === 0 ? 'Das Jugendamt' : 'Der federführende Träger des Trägerverbunds, z. B. TR-E'}
            value={participant.organisationId}
            onChange={(organisationId) => setParticipant(index, { organisationId })}
            error={error(`participants.${index}.organisationId`)}
          />
          <TextField
            id={`${id}-role-${index}`}
            label={`Funktion ${index + 1}`}
            hint="z. B. Amtsleitung Jugend, Geschäftsführung"
            value={participant.role}
            onChange={(role) => setParticipant(index, { role })}
            error={error(`participants.${index}.role`)}
          />
        </fieldset>
      ))}
      <div className="app-actions">
        <button
          type="button"
          className="kern-btn kern-btn--tertiary"
          onClick={() => setForm({ ...form, participants: [...form.participants, { organisationId: '', role: '' }] })}
        >
          <span className="kern-label">Weitere teilnehmende Stelle</span>
        </button>
      </div>
      <TextAreaField
        id={`${id}-measures`}
        label="Vereinbarte Maßnahmen"
        hint="Eine Maßnahme je Zeile, ohne Angaben zu Personen"
        value={form.measures}
        onChange={(measures) => setForm({ ...form, measures })}
        error={error('measures')}
      />
    </ChangeForm>
  );
}

function RequestStep({ steering, submissions, onBooked, reload }: StepProps) {
  const id = useId();
  const empty = { kind: '' as SupplementaryKind | '', amount: '', justification: '', coverSource: '' };
  const [form, setForm] = useState(empty);
  const intent = 'supplementary-request';
  const error = useErrors(submissions, intent);
  const due = steering.procedure?.supplementaryRequestDue;
  return (
    <ChangeForm
      label="Über- oder außerplanmäßige Aufwendungen beantragen"
      intent={intent}
      fields={['kind', 'amount', 'justification', 'coverSource']}
      submissions={submissions}
      failedTitle="Der Antrag konnte nicht gebucht werden."
      submitLabel="Antrag buchen"
      reload={reload}
      onSubmit={() =>
        void submissions
          .submit(intent, (key) => requestSupplementary(target(steering, key), requestBody(form)))
          .then((done) => {
            if (!done) return;
            setForm(empty);
            const request = done.procedure?.requests.find((r) => r.requestId === done.requestId);
            onBooked(`Antrag ${done.requestId} gebucht${request ? `; zuständig: ${request.competentBody}` : ''}.`);
          })
      }
    >
      {due?.due ? <p className="kern-body">Beantragt werden muss noch: {formatAmount(due.outstanding)}.</p> : null}
      <Field id={`${id}-kind`} label="Art" error={error('kind')}>
        {(described) => (
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${id}-kind`}
              className="kern-form-input__select"
              value={form.kind}
              onChange={(event) => setForm({ ...form, kind: event.target.value as SupplementaryKind | '' })}
              {...described}
            >
              <option value="">– bitte wählen –</option>
              {(Object.keys(KIND_LABEL) as SupplementaryKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABEL[kind]}
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      <DecimalField id={`${id}-amount`} label="Betrag (Euro)" value={form.amount} onChange={(amount) => setForm({ ...form, amount })} error={error('amount')} />
      <TextAreaField
        id={`${id}-justification`}
        label="Begründung"
        hint="Unvorhergesehen und unabweisbar; ohne Angaben zu Personen"
        value={form.justification}
        onChange={(justification) => setForm({ ...form, justification })}
        error={error('justification')}
      />
      <TextField
        id={`${id}-cover`}
        label="Deckung"
        hint="z. B. Mehrerträge, Deckungsring"
        value={form.coverSource}
        onChange={(coverSource) => setForm({ ...form, coverSource })}
        error={error('coverSource')}
      />
    </ChangeForm>
  );
}

/** The decision of the body the contract's value limits name for the amount (R9): the form offers that body. */
function DecisionStep({ steering, submissions, onBooked, reload, request }: StepProps & { request: RequestRow }) {
  const id = useId();
  const [form, setForm] = useState({ approved: true, decisionReference: '', note: '' });
  const intent = `decision:${request.requestId}`;
  const error = useErrors(submissions, intent);
  return (
    <ChangeForm
      label={`Entscheidung über ${request.requestId} buchen`}
      intent={intent}
      fields={['body', 'approved', 'decisionReference', 'note']}
      submissions={submissions}
      failedTitle="Die Entscheidung konnte nicht gebucht werden."
      submitLabel="Entscheidung buchen"
      reload={reload}
      onSubmit={() =>
        void submissions
          .submit(intent, (key) => decideSupplementary(target(steering, key), request.requestId, decisionBody({ body: request.competentBody, ...form })))
          .then((done) => done && onBooked(`Entscheidung über ${request.requestId} gebucht.`))
      }
    >
      <p className="kern-body">
        Zuständig nach den Wertgrenzen des Vertrags für {request.amount}: <strong>{request.competentBody}</strong>
      </p>
      <fieldset className="kern-fieldset">
        <legend className="kern-label">Entscheidung</legend>
        {[true, false].map((approved) => (
          <div key={String(approved)} className="kern-form-check">
            <input
              id={`${id}-${approved}`}
              className="kern-form-check__radio"
              type="radio"
              name={`${id}-approved`}
              checked={form.approved === approved}
              onChange={() => setForm({ ...form, approved })}
            />
            <label className="kern-label" htmlFor={`${id}-${approved}`}>
              {approved ? 'bewilligt' : 'abgelehnt'}
            </label>
          </div>
        ))}
      </fieldset>
      <TextField
        id={`${id}-reference`}
        label="Zeichen des Beschlusses"
        value={form.decisionReference}
        onChange={(decisionReference) => setForm({ ...form, decisionReference })}
        error={error('decisionReference')}
      />
      <TextAreaField id={`${id}-note`} label="Anmerkung (freiwillig)" value={form.note} onChange={(note) => setForm({ ...form, note })} error={error('note')} />
    </ChangeForm>
  );
}

function KaemmereiStep({ steering, submissions, onBooked, reload }: StepProps) {
  const id = useId();
  const [form, setForm] = useState({ reference: '', reportedOn: '' });
  const intent = 'kaemmerei';
  const error = useErrors(submissions, intent);
  return (
    <ChangeForm
      label="Sendung des Berichts an die Kämmerei buchen"
      intent={intent}
      fields={['reference', 'reportedOn']}
      submissions={submissions}
      failedTitle="Die Sendung konnte nicht gebucht werden."
      submitLabel="Sendung buchen"
      reload={reload}
      onSubmit={() =>
        void submissions
          .submit(intent, (key) =>
            reportToKaemmerei(target(steering, key), { reference: form.reference.trim(), ...(form.reportedOn ? { reportedOn: form.reportedOn } : {}) }),
          )
          .then((done) => done && onBooked(`Bericht an die Kämmerei (${form.reference.trim()}) gebucht.`))
      }
    >
      <TextField
        id={`${id}-reference`}
        label="Zeichen des Berichts"
        hint="Vorlage oder Schreiben"
        value={form.reference}
        onChange={(reference) => setForm({ ...form, reference })}
        error={error('reference')}
      />
      <DateField
        id={`${id}-on`}
        label="Tag der Sendung (freiwillig)"
        hint="Leer: heute"
        value={form.reportedOn}
        onChange={(reportedOn) => setForm({ ...form, reportedOn })}
        error={error('reportedOn')}
      />
    </ChangeForm>
  );
}

function ClosingStep({ steering, submissions, onBooked, reload }: StepProps) {
  const id = useId();
  const [outcome, setOutcome] = useState('');
  const intent = 'closing';
  const error = useErrors(submissions, intent);
  return (
    <ChangeForm
      label="Überschreitungsverfahren abschließen"
      intent={intent}
      fields={['outcome']}
      submissions={submissions}
      failedTitle="Das Verfahren konnte nicht abgeschlossen werden."
      submitLabel="Verfahren abschließen"
      reload={reload}
      onSubmit={() =>
        void submissions
          .submit(intent, (key) => closeProcedure(target(steering, key), { outcome: outcome.trim() }))
          .then((done) => done && onBooked('Überschreitungsverfahren abgeschlossen.'))
      }
    >
      <TextAreaField id={`${id}-outcome`} label="Ergebnis" value={outcome} onChange={setOutcome} error={error('outcome')} />
    </ChangeForm>
  );
}

function ProcedureRecord({ procedure }: { procedure: Procedure }) {
  const captionId = useId();
  const requests = requestRows(procedure);
  return (
    <>
      {meetingRows(procedure).map((meeting, index) => (
        <div key={index} className="app-section" aria-label={`Steuerungsrunde vom ${meeting.heldOn}`} role="group">
          <p className="kern-body">
            <strong>Steuerungsrunde vom {meeting.heldOn}</strong> mit {meeting.participants}
          </p>
          <ul className="kern-list kern-list--bullet">
            {meeting.measures.map((measure, i) => (
              <li key={i} className="kern-body">
                {measure}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {requests.length ? (
        <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="kern-table kern-table--small">
            <caption id={captionId} className="kern-title">
              Anträge auf über- und außerplanmäßige Aufwendungen
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                {['Antrag', 'Art', 'Betrag', 'Beantragt am', 'Begründung', 'Deckung', 'Zuständig', 'Entscheidung'].map((title) => (
                  <th key={title} scope="col" className={`kern-table__header${title === 'Betrag' ? ' kern-table__header--numeric' : ''}`}>
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {requests.map((r) => (
                <tr key={r.requestId} className="kern-table__row">
                  <th scope="row" className="kern-table__header">
                    {r.requestId}
                  </th>
                  <td className="kern-table__cell">{r.kind}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{r.amount}</td>
                  <td className="kern-table__cell">{r.requestedOn}</td>
                  <td className="kern-table__cell">{r.justification}</td>
                  <td className="kern-table__cell">{r.coverSource}</td>
                  <td className="kern-table__cell">{r.competentBody}</td>
                  <td className="kern-table__cell">{r.decision}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {procedure.closed ? (
        <p className="kern-body">
          Abgeschlossen am {formatDate(procedure.closed.closedOn)}: {procedure.closed.outcome}
        </p>
      ) : null}
    </>
  );
}

/**
 * The threshold procedure of a Sozialraum-year (R7, R9): what was recorded, and for the controller
 * on today's view the next steps. Each step is booked on the steering stream as shown (If-Match).
 */
export function ProcedureSection({ steering, canSteer }: { steering: SteeringOverview; canSteer: boolean }) {
  const queryClient = useQueryClient();
  const submissions = useSubmission();
  const [announcement, setAnnouncement] = useState('');
  const procedure = steering.procedure;
  if (!procedure) return null;
  const queryKey = ['steering', steering.sozialraumId, steering.fiscalYear];
  const reload = () => void queryClient.invalidateQueries({ queryKey });
  // The overview is folded from the steering stream on every read: refetched, it shows the step.
  const onBooked: Booked = (text) => {
    setAnnouncement(text);
    reload();
  };
  const steps = { steering, submissions, onBooked, reload };
  return (
    <section className="app-section" aria-labelledby="procedure-heading">
      <h2 id="procedure-heading" className="kern-heading-medium">
        Überschreitungsverfahren {procedure.procedureId}
      </h2>
      <p className="kern-body app-live" aria-live="polite">
        {announcement}
      </p>
      <ProcedureRecord procedure={procedure} />
      {canSteer && !procedure.closed ? (
        <div className="app-section">
          <Disclosure summary="Steuerungsrunde buchen">
            <MeetingStep {...steps} />
          </Disclosure>
          <Disclosure summary="Über- oder außerplanmäßige Aufwendungen beantragen">
            <RequestStep {...steps} />
          </Disclosure>
          {requestRows(procedure)
            .filter((r) => r.undecided)
            .map((request) => (
              <Disclosure key={request.requestId} summary={`Entscheidung über ${request.requestId} buchen`}>
                <DecisionStep {...steps} request={request} />
              </Disclosure>
            ))}
          <Disclosure summary="Sendung des Berichts an die Kämmerei buchen">
            <KaemmereiStep {...steps} />
          </Disclosure>
          <Disclosure summary="Überschreitungsverfahren abschließen">
            <ClosingStep {...steps} />
          </Disclosure>
        </div>
      ) : null}
    </section>
  );
}
