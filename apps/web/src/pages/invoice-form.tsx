import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { approvedMonthQuery, submitInvoice } from '../api/cases';
import { fieldMessage } from '../cases';
import { formatAmount } from '../format';
import { describeCeiling, emptyInvoiceForm, invoiceBody, invoiceFormProblems, SERVICE_MONTH, type InvoiceForm } from '../invoice-form';
import { ChangeForm, type ChangeFormProps } from './approval-change-forms';
import { DecimalField, MonthField, problemOf, TextField } from './case-forms';

const INVOICE_FIELDS = ['serviceMonth', 'quantity', 'invoiceNumber'] as const;

/**
 * The Träger's invoice for a Leistungsmonat: the month chosen, the page says what it allows (from
 * GET …/months/…) and does not send more hours or days than approved; the server decides again.
 */
export function InvoiceFormView({ caseView, row, submissions, reload, announce }: Omit<ChangeFormProps, 'onBooked'> & { announce: (text: string) => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<InvoiceForm>(emptyInvoiceForm());
  const [tried, setTried] = useState(false);
  const intent = `invoice:${row.approvalId}`;
  const validMonth = SERVICE_MONTH.test(form.serviceMonth);
  const month = useQuery({ ...approvedMonthQuery(caseView.caseRef, row.approvalId, form.serviceMonth), enabled: validMonth });
  const local = tried ? invoiceFormProblems(form, month.data) : [];
  const error = (field: string) => fieldMessage(local, field) ?? fieldMessage(problemOf(submissions.errorOf(intent))?.errors, field);
  const ceiling = month.data?.ceilings[0];
  const unit = ceiling?.unit ?? null;

  const submit = async () => {
    setTried(true);
    if (invoiceFormProblems(form, month.data).length > 0) return;
    const body = invoiceBody(form, month.data);
    const done = await submissions.submit(intent, (idempotencyKey) =>
      submitInvoice(caseView.caseRef, row.approvalId, body, { idempotencyKey, caseVersion: caseView.version }),
    );
    if (done) {
      const invoice = done.approvals.flatMap((a) => a.invoices).find((i) => i.invoiceId === done.invoiceId);
      setForm(emptyInvoiceForm());
      setTried(false);
      announce(`Rechnung ${done.invoiceId}${invoice ? ` über ${formatAmount(invoice.amount)}` : ''} eingereicht.`);
      void queryClient.invalidateQueries({ queryKey: ['approved-month', caseView.caseRef, row.approvalId] });
      reload();
    }
  };

  return (
    <ChangeForm
      label={`Rechnung zu ${row.approvalId} einreichen`}
      intent={intent}
      fields={INVOICE_FIELDS}
      submissions={submissions}
      failedTitle="Die Rechnung konnte nicht eingereicht werden."
      submitLabel="Rechnung einreichen"
      reload={reload}
      onSubmit={() => void submit()}
    >
      <MonthField
        id={`${id}-month`}
        label="Leistungsmonat"
        value={form.serviceMonth}
        onChange={(serviceMonth) => setForm({ ...form, serviceMonth })}
        error={error('serviceMonth')}
      />
      <p className="kern-body" aria-live="polite" data-testid="approved-month">
        {validMonth && month.data ? describeCeiling(month.data) : validMonth && month.isPending ? 'Die Bewilligung des Monats wird geladen …' : ''}
      </p>
      {unit ? (
        <DecimalField
          id={`${id}-quantity`}
          label={unit === 'hours' ? 'Geleistete Fachleistungsstunden' : 'Anwesenheitstage'}
          hint={ceiling?.approvedQuantity ? `Höchstens ${ceiling.approvedQuantity.replace('.', ',')} (bewilligt)` : undefined}
          value={form.quantity}
          onChange={(quantity) => setForm({ ...form, quantity })}
          error={error('quantity')}
        />
      ) : null}
      <TextField
        id={`${id}-number`}
        label="Rechnungsnummer"
        value={form.invoiceNumber}
        onChange={(invoiceNumber) => setForm({ ...form, invoiceNumber })}
        error={error('invoiceNumber')}
      />
    </ChangeForm>
  );
}
