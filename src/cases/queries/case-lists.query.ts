import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { CommandContext } from '../../../libs/ddd/command-context';
import { NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { Static } from '../../../libs/http/contract/schema-types';
import { decodeCursor, toPage } from '../../../libs/http/pagination';
import { LegalBasis, RateType } from '../../shared/legal-basis';
import { ApprovalPage, InvoicePage } from '../cases.schemas';
import { InvoiceStatus } from '../domain/case-state';
import { formatAmount } from '../../../libs/money';
import { ApprovalListQuery, InvoiceListQuery } from './case-list.dtos';

/** Rows of case_approvals as the list reads them (dates as text, YYYY-MM-DD). */
interface ApprovalRow {
  approval_id: string;
  case_ref: string;
  sozialraum_id: string;
  legal_basis: LegalBasis;
  rate_type: RateType;
  provider_ids: string[];
  start_date: string;
  end_date: string | null;
  bescheid_date: string;
  in_budget: boolean;
  status: 'running' | 'terminated';
}

interface InvoiceRow {
  invoice_id: string;
  case_ref: string;
  approval_id: string;
  sozialraum_id: string;
  provider_id: string;
  service_month: string;
  amount: string;
  invoice_number: string;
  status: InvoiceStatus;
  first_verifier: string | null;
  submitted_at: Date;
}

export interface PendingInvoiceRow {
  invoice_id: string;
  case_ref: string;
  service_month: string;
  status: string;
  /** The day it was submitted, Europe/Berlin. */
  submitted_on: string;
}

/** The provider a caller may see: its own for provider users (another one is not revealed). */
function visibleProvider(ctx: CommandContext, requested?: string): string | null {
  if (ctx.actor.role !== 'provider') return requested ?? null;
  if (requested && requested !== ctx.providerId)
    throw new NotFound(SHARED_PROBLEMS['provider-not-found'], text(`Der Träger ${requested} wurde nicht gefunden.`, `Provider ${requested} was not found.`));
  return ctx.providerId ?? '\u0000';
}

@Injectable()
export class CaseListsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projections: ProjectionRunner,
  ) {}

  async approvals(ctx: CommandContext, query: ApprovalListQuery): Promise<Static<typeof ApprovalPage>> {
    // Read-your-writes: a list asked for right after a command shows what that command booked.
    await this.projections.waitFor('case-lists');
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, ['string']);
    const rows = await this.dataSource.query<ApprovalRow[]>(
      `select approval_id, case_ref, sozialraum_id, legal_basis, rate_type, provider_ids, start_date, end_date, bescheid_date, in_budget, status
         from case_approvals
        where tenant_id = $1 and ($2::text is null or $2 = any(provider_ids)) and ($3::text is null or sozialraum_id = $3)
          and ($4::text is null or case_ref = $4) and ($5::text is null or status = $5) and ($6::text is null or approval_id > $6)
        order by approval_id limit $7`,
      [
        ctx.tenantId,
        visibleProvider(ctx, query.providerId),
        query.sozialraumId ?? null,
        query.caseRef ?? null,
        query.status ?? null,
        after ? String(after[0]) : null,
        limit + 1,
      ],
    );
    const page = toPage(rows, limit, (r) => [r.approval_id]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({
        approvalId: r.approval_id,
        caseRef: r.case_ref,
        sozialraumId: r.sozialraum_id,
        legalBasis: r.legal_basis,
        rateType: r.rate_type,
        providerIds: ctx.actor.role === 'provider' ? [ctx.providerId ?? ''] : r.provider_ids,
        period: { start: r.start_date, end: r.end_date },
        bescheidDate: r.bescheid_date,
        inBudget: r.in_budget,
        status: r.status,
      })),
    };
  }

  async invoices(ctx: CommandContext, query: InvoiceListQuery): Promise<Static<typeof InvoicePage>> {
    await this.projections.waitFor('case-lists');
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, ['timestamp', 'string']);
    const rows = await this.dataSource.query<InvoiceRow[]>(
      `select invoice_id, case_ref, approval_id, sozialraum_id, provider_id, service_month, amount, invoice_number, status, first_verifier, submitted_at
         from case_invoices
        where tenant_id = $1 and ($2::text is null or provider_id = $2) and ($3::text is null or sozialraum_id = $3)
          and ($4::text is null or case_ref = $4) and ($5::text is null or status = $5)
          and ($6::timestamptz is null or (submitted_at, invoice_id) > ($6::timestamptz, $7::text))
        order by submitted_at, invoice_id limit $8`,
      [
        ctx.tenantId,
        visibleProvider(ctx, query.providerId),
        query.sozialraumId ?? null,
        query.caseRef ?? null,
        query.status ?? null,
        after ? String(after[0]) : null,
        after ? String(after[1]) : null,
        limit + 1,
      ],
    );
    const page = toPage(rows, limit, (r) => [new Date(r.submitted_at).toISOString(), r.invoice_id]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({
        invoiceId: r.invoice_id,
        caseRef: r.case_ref,
        approvalId: r.approval_id,
        sozialraumId: r.sozialraum_id,
        providerId: r.provider_id,
        serviceMonth: r.service_month,
        amount: formatAmount(r.amount),
        invoiceNumber: r.invoice_number,
        status: r.status,
        firstVerifier: ctx.actor.role === 'provider' ? undefined : r.first_verifier,
        submittedAt: new Date(r.submitted_at).toISOString(),
      })),
    };
  }

  /** Invoices of a Sozialraum-year still waiting for verification or a payment order (year close). */
  async pendingOf(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<PendingInvoiceRow[]> {
    return this.dataSource.query<PendingInvoiceRow[]>(
      `select invoice_id, case_ref, service_month, status, to_char(submitted_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as submitted_on from case_invoices
        where tenant_id = $1 and sozialraum_id = $2 and service_month like $3 and status like 'awaiting-%' order by invoice_id`,
      [tenantId, sozialraumId, `${fiscalYear}-%`],
    );
  }

  async openEndedCases(tenantId: string, sozialraumId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ case_ref: string }>>(
      `select distinct case_ref from case_approvals where tenant_id = $1 and sozialraum_id = $2 and end_date is null and status = 'running' order by case_ref`,
      [tenantId, sozialraumId],
    );
    return rows.map((r) => r.case_ref);
  }
}
