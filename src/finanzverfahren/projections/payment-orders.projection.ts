import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '../../../libs/event-store/event-store.port';
import { AsProjection, Projection } from '../../../libs/event-store/nest/projection.decorator';
import { CaseDomainEvent } from '../../cases';
import { FlexibleEvent } from '../../flexible';

export const PAYMENT_ORDERS_PROJECTION = 'payment-orders';

type Data<E extends { type: string; data: unknown }, T extends E['type']> = Extract<E, { type: T }>['data'];

const BUDGET_STREAM = /^[^/]+\/budget\/([^/]+)\/(\d{4})$/;

/**
 * Every payment order of the log, with what a batch line of the Finanzverfahren needs: payee,
 * amount, due date, Sozialraum, year, category, legal basis and the case or subsidy it pays. It
 * keeps the approval, invoice and subsidy facts it meets on the way, since an order names only its
 * invoice or instalment.
 */
@Injectable()
@AsProjection(PAYMENT_ORDERS_PROJECTION)
export class PaymentOrdersProjection implements Projection {
  readonly tables = ['fin_approvals', 'fin_invoices', 'fin_subsidies', 'fin_orders'];

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const tenant = event.metadata.tenantId;
      const on = event.metadata.businessDate ?? event.recordedAt.toISOString().slice(0, 10);
      switch (event.type) {
        case 'ApprovalGranted': {
          const d = event.data as Data<CaseDomainEvent, 'ApprovalGranted'>;
          await manager.query(
            `insert into fin_approvals (tenant_id, approval_id, case_ref, sozialraum_id, legal_basis) values ($1, $2, $3, $4, $5)
             on conflict (tenant_id, approval_id) do nothing`,
            [tenant, d.approvalId, d.caseRef, d.sozialraumId, d.legalBasis],
          );
          break;
        }
        case 'InvoiceSubmitted': {
          const d = event.data as Data<CaseDomainEvent, 'InvoiceSubmitted'>;
          await manager.query(
            `insert into fin_invoices (tenant_id, invoice_id, approval_id, provider_id) values ($1, $2, $3, $4) on conflict (tenant_id, invoice_id) do nothing`,
            [tenant, d.invoiceId, d.approvalId, d.providerId],
          );
          break;
        }
        case 'PaymentOrdered':
        case 'PaymentReversed': {
          const d = event.data as Data<CaseDomainEvent, 'PaymentOrdered'> | Data<CaseDomainEvent, 'PaymentReversed'>;
          const [invoice] = await manager.query(
            `select i.provider_id, i.reversals, a.case_ref, a.sozialraum_id, a.legal_basis, o.fiscal_year
               from fin_invoices i join fin_approvals a on a.tenant_id = i.tenant_id and a.approval_id = i.approval_id
               left join fin_orders o on o.tenant_id = i.tenant_id and o.order_id = i.invoice_id
              where i.tenant_id = $1 and i.invoice_id = $2`,
            [tenant, d.invoiceId],
          );
          if (!invoice) break;
          const reversal = event.type === 'PaymentReversed';
          const fiscalYear = 'serviceMonth' in d ? Number(d.serviceMonth.slice(0, 4)) : Number(invoice.fiscal_year ?? on.slice(0, 4));
          if (reversal)
            await manager.query('update fin_invoices set reversals = reversals + 1 where tenant_id = $1 and invoice_id = $2', [tenant, d.invoiceId]);
          await this.order(manager, {
            tenant,
            orderId: reversal ? `${d.invoiceId}-S${invoice.reversals + 1}` : d.invoiceId,
            kind: reversal ? 'reversal' : 'invoice',
            providerId: invoice.provider_id,
            amount: reversal ? `-${d.amount}` : d.amount,
            dueDate: on,
            orderedOn: on,
            sozialraumId: invoice.sozialraum_id,
            fiscalYear,
            category: 'FS',
            legalBasis: invoice.legal_basis,
            reference: { caseRef: invoice.case_ref, invoiceId: d.invoiceId },
            position: event.globalPosition,
          });
          break;
        }
        case 'SubsidyGranted': {
          const where = BUDGET_STREAM.exec(event.streamId);
          if (!where) break;
          const d = event.data as Data<FlexibleEvent, 'SubsidyGranted'>;
          await manager.query(
            `insert into fin_subsidies (tenant_id, sozialraum_id, fiscal_year, subsidy_id, provider_id, category, purpose, instalments)
             values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
            [tenant, where[1], Number(where[2]), d.subsidyId, d.providerId, d.category, d.purpose, JSON.stringify(d.instalments)],
          );
          break;
        }
        case 'SubsidyInstalmentPaymentOrdered': {
          const where = BUDGET_STREAM.exec(event.streamId);
          if (!where) break;
          const d = event.data as Data<FlexibleEvent, 'SubsidyInstalmentPaymentOrdered'>;
          const [subsidy] = await manager.query(
            'select provider_id, category, purpose, instalments from fin_subsidies where tenant_id = $1 and sozialraum_id = $2 and fiscal_year = $3 and subsidy_id = $4',
            [tenant, where[1], Number(where[2]), d.subsidyId],
          );
          if (!subsidy) break;
          const planned = (subsidy.instalments as Array<{ instalmentId: string; dueDate: string }>).find((i) => i.instalmentId === d.instalmentId);
          await this.order(manager, {
            tenant,
            orderId: `${where[1]}/${where[2]}/${d.subsidyId}/${d.instalmentId}`,
            kind: 'instalment',
            providerId: subsidy.provider_id,
            amount: d.amount,
            // Paid on its due date, or on the day of the order when that is later.
            dueDate: planned && planned.dueDate > on ? planned.dueDate : on,
            orderedOn: on,
            sozialraumId: where[1],
            fiscalYear: Number(where[2]),
            category: subsidy.category,
            legalBasis: null,
            reference: { subsidyId: d.subsidyId, instalmentId: d.instalmentId, purpose: subsidy.purpose },
            position: event.globalPosition,
          });
          break;
        }
      }
    }
  }

  private async order(
    manager: EntityManager,
    o: {
      tenant: string;
      orderId: string;
      kind: string;
      providerId: string;
      amount: string;
      dueDate: string;
      orderedOn: string;
      sozialraumId: string;
      fiscalYear: number;
      category: string;
      legalBasis: string | null;
      reference: unknown;
      position: bigint;
    },
  ): Promise<void> {
    await manager.query(
      `insert into fin_orders (tenant_id, order_id, kind, provider_id, amount, due_date, ordered_on, sozialraum_id, fiscal_year, category, legal_basis, reference, global_position)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) on conflict (tenant_id, order_id) do nothing`,
      [
        o.tenant,
        o.orderId,
        o.kind,
        o.providerId,
        o.amount,
        o.dueDate,
        o.orderedOn,
        o.sozialraumId,
        o.fiscalYear,
        o.category,
        o.legalBasis,
        JSON.stringify(o.reference),
        o.position.toString(),
      ],
    );
  }
}
