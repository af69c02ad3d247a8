import { useId, useState } from 'react';
import { claimKostenerstattung, fixKostenbeitrag } from '../api/cases';
import { fieldMessage, kostenbeitragBody, kostenerstattungBody, type CaseApprovalRow, type KostenbeitragForm, type KostenerstattungForm } from '../cases';
import { formatAmount } from '../format';
import { ChangeForm, type ChangeFormProps } from './approval-change-forms';
import { DateField, DecimalField, MonthField, problemOf, TextField } from './case-forms';

type RevenueFormProps = Omit<ChangeFormProps, 'onBooked'> & { announce: (text: string) => void };

const KOSTENBEITRAG_FIELDS = ['monthlyAmount', 'from', 'to'] as const;
const KOSTENERSTATTUNG_FIELDS = ['debtorAuthority', 'serviceMonth', 'amount', 'reference'] as const;

/** The revenue of an approval (R2) as fixed and claimed: it lowers the Sozialraum's actual, never the approval. */
export function RevenueTable({ row }: { row: CaseApprovalRow }) {
  const captionId = useId();
  if (!row.revenue?.length) return null;
  return (
    <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="kern-table kern-table--small">
        <caption id={captionId} className="kern-title">
          Erträge zu {row.approvalId}
        </caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Kennung
            </th>
            <th scope="col" className="kern-table__header">
              Art
            </th>
            <th scope="col" className="kern-table__header">
              Zeitraum
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Betrag
            </th>
            <th scope="col" className="kern-table__header">
              Angaben
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {row.revenue.map((entry) => (
            <tr key={entry.id} className="kern-table__row">
              <td className="kern-table__cell">{entry.id}</td>
              <td className="kern-table__cell">{entry.kind}</td>
              <td className="kern-table__cell">{entry.period}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{entry.amount}</td>
              <td className="kern-table__cell">{entry.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The Kostenbeitrag of the young person or the parents, fixed for an approval from a day on. */
export function KostenbeitragFormView({ caseView, row, submissions, reload, announce }: RevenueFormProps) {
  const id = useId();
  const [form, setForm] = useState<KostenbeitragForm>({ monthlyAmount: '', from: '', to: '' });
  const intent = `kostenbeitrag:${row.approvalId}`;
  const error = (field: string) => fieldMessage(problemOf(submissions.errorOf(intent))?.errors, field);

  const submit = async () => {
    const body = kostenbeitragBody(row.approvalId, form);
    const done = await submissions.submit(intent, (idempotencyKey) =>
      fixKostenbeitrag(caseView.caseRef, body, { idempotencyKey, caseVersion: caseView.version }),
    );
    if (done) {
      setForm({ monthlyAmount: '', from: '', to: '' });
      announce(`Kostenbeitrag ${done.kostenbeitragId} über ${formatAmount(body.monthlyAmount)} je Monat festgesetzt.`);
      reload();
    }
  };

  return (
    <ChangeForm
      label={`Kostenbeitrag zu ${row.approvalId} festsetzen`}
      intent={intent}
      fields={KOSTENBEITRAG_FIELDS}
      submissions={submissions}
      failedTitle="Der Kostenbeitrag konnte nicht gebucht werden."
      submitLabel="Kostenbeitrag festsetzen"
      reload={reload}
      onSubmit={() => void submit()}
    >
      <DecimalField
        id={`${id}-amount`}
        label="Betrag je Monat (Euro)"
        hint="z. B. 180,00"
        value={form.monthlyAmount}
        onChange={(monthlyAmount) => setForm({ ...form, monthlyAmount })}
        error={error('monthlyAmount')}
      />
      <DateField id={`${id}-from`} label="Ab" value={form.from} onChange={(from) => setForm({ ...form, from })} error={error('from')} />
      <DateField
        id={`${id}-to`}
        label="Bis (freiwillig)"
        hint="Leer: bis zum Ende der Hilfe"
        value={form.to}
        onChange={(to) => setForm({ ...form, to })}
        error={error('to')}
      />
    </ChangeForm>
  );
}

/** A claim for Kostenerstattung against the Jugendamt that is to bear the costs (§§ 89 ff. SGB VIII). */
export function KostenerstattungFormView({ caseView, row, submissions, reload, announce }: RevenueFormProps) {
  const id = useId();
  const empty = { debtorAuthority: '', serviceMonth: '', amount: '', reference: '' };
  const [form, setForm] = useState<KostenerstattungForm>(empty);
  const intent = `kostenerstattung:${row.approvalId}`;
  const error = (field: string) => fieldMessage(problemOf(submissions.errorOf(intent))?.errors, field);

  const submit = async () => {
    const body = kostenerstattungBody(row.approvalId, form);
    const done = await submissions.submit(intent, (idempotencyKey) =>
      claimKostenerstattung(caseView.caseRef, body, { idempotencyKey, caseVersion: caseView.version }),
    );
    if (done) {
      setForm(empty);
      announce(`Kostenerstattung ${done.claimId} über ${formatAmount(body.amount)} gegen ${body.debtorAuthority} geltend gemacht.`);
      reload();
    }
  };

  return (
    <ChangeForm
      label={`Kostenerstattung zu ${row.approvalId} geltend machen`}
      intent={intent}
      fields={KOSTENERSTATTUNG_FIELDS}
      submissions={submissions}
      failedTitle="Die Kostenerstattung konnte nicht gebucht werden."
      submitLabel="Kostenerstattung geltend machen"
      reload={reload}
      onSubmit={() => void submit()}
    >
      <TextField
        id={`${id}-debtor`}
        label="Erstattungspflichtiges Jugendamt"
        hint="Kürzel, z. B. LRO-JA"
        value={form.debtorAuthority}
        onChange={(debtorAuthority) => setForm({ ...form, debtorAuthority })}
        error={error('debtorAuthority')}
      />
      <MonthField
        id={`${id}-month`}
        label="Leistungsmonat"
        value={form.serviceMonth}
        onChange={(serviceMonth) => setForm({ ...form, serviceMonth })}
        error={error('serviceMonth')}
      />
      <DecimalField
        id={`${id}-amount`}
        label="Betrag (Euro)"
        hint="z. B. 5850,00"
        value={form.amount}
        onChange={(amount) => setForm({ ...form, amount })}
        error={error('amount')}
      />
      <TextField
        id={`${id}-reference`}
        label="Aktenzeichen"
        value={form.reference}
        onChange={(reference) => setForm({ ...form, reference })}
        error={error('reference')}
      />
    </ChangeForm>
  );
}
