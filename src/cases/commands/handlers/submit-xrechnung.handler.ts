import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { refuse } from '../../../../libs/ddd/domain-error';
import { AUTH_PROBLEMS } from '../../../../libs/auth/auth-problems';
import { FieldIssue, ProblemException } from '../../../../libs/http/problem';
import { text } from '../../../../libs/text/text';
import { MasterDataQueries } from '../../../master-data';
import { CASE_PROBLEMS } from '../../cases.problems';
import { decideSubmitInvoice, SubmitInvoice } from '../../domain/invoice.decisions';
import { amountIssues, documentSha256, quantityFor, readXRechnung } from '../../domain/xrechnung/xrechnung';
import { CaseStore } from '../case-store';
import { SubmitXRechnungCommand } from '../case.commands';
import { InvoiceDocuments } from '../invoice-documents';
import { LeitwegIds } from '../leitweg-ids';

/** Every failed check of an XRechnung at once, each under the XPath it concerns (`errors[].field`). */
export function xrechnungRejected(issues: FieldIssue[]): never {
  throw new ProblemException({
    kind: CASE_PROBLEMS['xrechnung-rejected'],
    detail: {
      de: `Die XRechnung wurde nicht angenommen: ${issues.map((i) => `${i.field}: ${i.message.de}`).join('; ')}`,
      en: `The XRechnung was rejected: ${issues.map((i) => `${i.field}: ${i.message.en}`).join('; ')}`,
    },
    errors: issues,
  });
}

/**
 * An XRechnung becomes the invoice the JSON intake records: the same decision (approved month,
 * rate agreement, quantity, once per month, closed years), with Rechnungsnummer, Leitweg-ID and the
 * document's SHA-256 in the event. The document is stored before the decision so that an event
 * never names a document that is missing, and taken back when the decision refuses.
 */
@CommandHandler(SubmitXRechnungCommand)
export class SubmitXRechnungHandler implements ICommandHandler<SubmitXRechnungCommand> {
  constructor(
    private readonly cases: CaseStore,
    private readonly masterData: MasterDataQueries,
    private readonly documents: InvoiceDocuments,
    private readonly leitwegIds: LeitwegIds,
  ) {}

  async execute({ ctx, caseRef, approvalId, xml }: SubmitXRechnungCommand) {
    if (!ctx.providerId)
      refuse(
        AUTH_PROBLEMS.forbidden,
        text(
          'Rechnungen reichen nur Nutzer eines Trägers ein; die Anmeldung nennt keinen Träger.',
          'Invoices are submitted by provider users with a provider claim.',
        ),
      );
    const providerId = ctx.providerId;
    const provider = await this.masterData.getProvider(ctx.tenantId, providerId);
    const read = readXRechnung(xml, {
      caseRef,
      approvalId,
      providerId,
      providerName: provider?.name ?? null,
      leitwegId: this.leitwegIds.of(ctx.tenantId),
    });
    if (!read.ok) xrechnungRejected(read.issues);
    const invoice = read.invoice;
    const sha256 = documentSha256(xml);
    const stored = await this.documents.store(ctx.tenantId, sha256, invoice.syntax, xml);
    try {
      return await this.cases.handle(ctx, caseRef, {
        facts: async (state) => ({
          closedYears: await this.cases.closedYears(ctx.tenantId, state, [approvalId], [ctx.businessDate, invoice.serviceMonth]),
        }),
        decide: (state, facts) => {
          const rateType = state.approvals[approvalId]?.rateType;
          const quantity = rateType ? quantityFor(invoice, rateType) : { quantity: undefined, issues: [] };
          const command: SubmitInvoice = {
            approvalId,
            providerId,
            submittedOn: ctx.businessDate,
            serviceMonth: invoice.serviceMonth,
            quantity: quantity.quantity,
            invoiceNumber: invoice.invoiceNumber,
            leitwegId: invoice.leitwegId,
            documentSha256: sha256,
          };
          // Decided first: a refusal of the approval (not found, another provider's) tells nothing about it.
          const events = decideSubmitInvoice(command, state, facts);
          const submitted = events.find((e) => e.type === 'InvoiceSubmitted');
          const issues = [...quantity.issues, ...(submitted?.type === 'InvoiceSubmitted' ? amountIssues(invoice, submitted.data.amount) : [])];
          if (issues.length > 0) xrechnungRejected(issues);
          return events;
        },
      });
    } catch (error) {
      if (stored) await this.documents.discard(ctx.tenantId, sha256);
      throw error;
    }
  }
}
