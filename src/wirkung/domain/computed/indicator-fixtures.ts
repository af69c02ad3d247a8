import type { CaseDomainEvent, RateSegment } from '../../../cases';
import type { ExpenditureAccruedData, ExpenditureReversedData, LedgerDimensions } from '../../../ledger';
import { LegalBasis, Setting } from '../../../shared/legal-basis';
import { BudgetCategory } from '../../../shared/budget-category';
import { ComputedIndicatorInput, IndicatorPeriod } from './computed-indicator';

type BookEvent = ComputedIndicatorInput['events'][number];

/** Test support for the computed indicators: a hand-built event log of one or more Sozialräume. */

type DataOf<T extends CaseDomainEvent['type']> = Extract<CaseDomainEvent, { type: T }>['data'];

export const SOZIALRAUM = 'HRO-TW';
export const YEAR_2025: IndicatorPeriod = { from: '2025-01-01', to: '2025-12-31' };

export interface GrantOptions {
  approvalId: string;
  legalBasis: LegalBasis;
  /** Omitted: recorded without a setting, as schema version 1 did. */
  setting?: Setting | null;
  start: string;
  end: string | null;
  inBudget?: boolean;
  sozialraumId?: string;
  providerId?: string;
}

export interface MoneyOptions {
  category: BudgetCategory;
  month: string;
  amount: string;
  sourceId?: string;
  inBudget?: boolean;
  sozialraumId?: string;
  fiscalYear?: number;
  providerId?: string;
}

export class EventLog {
  readonly events: BookEvent[] = [];
  private position = 0n;

  push(streamId: string, type: string, businessDate: string, data: unknown): this {
    this.position++;
    this.events.push({
      eventId: `e${this.position}`,
      streamId,
      type,
      data,
      businessDate,
      position: this.position,
      recordedAt: new Date(`${businessDate}T12:00:00Z`),
    });
    return this;
  }

  grant(o: GrantOptions): this {
    const inBudget = o.inBudget ?? true;
    const data: Omit<DataOf<'ApprovalGranted'>, 'setting'> & { setting?: Setting | null } = {
      approvalId: o.approvalId,
      caseRef: `C-${o.approvalId}`,
      sozialraumId: o.sozialraumId ?? SOZIALRAUM,
      legalBasis: o.legalBasis,
      rateType: 'monthly',
      bescheidDate: o.start,
      start: o.start,
      end: o.end,
      segment: segment(o.start, o.providerId ?? 'TR-E'),
      classification: {
        inBudget,
        reason: inBudget ? 'in-budget' : o.legalBasis === '42' ? 'excluded-legal-basis' : 'high-cost',
        explanation: 'test',
        contractVersion: 1,
      },
      committedThrough: Number(o.start.slice(0, 4)),
    };
    if ('setting' in o) data.setting = o.setting;
    return this.push(`case/C-${o.approvalId}`, 'ApprovalGranted', o.start, data);
  }

  extend(approvalId: string, previousEnd: string | null, newEnd: string | null, providerId?: string): this {
    const data: DataOf<'ApprovalExtended'> = {
      approvalId,
      previousEnd,
      newEnd,
      committedThrough: Number((newEnd ?? previousEnd ?? '2025').slice(0, 4)),
      reason: 'Fortschreibung Hilfeplan',
      ...(providerId && previousEnd ? { segment: segment(previousEnd, providerId) } : {}),
    };
    return this.push(`case/C-${approvalId}`, 'ApprovalExtended', previousEnd ?? '2025-01-01', data);
  }

  changeScope(approvalId: string, from: string, providerId: string): this {
    const data: DataOf<'ApprovalScopeChanged'> = { approvalId, segment: segment(from, providerId), reason: 'Trägerwechsel' };
    return this.push(`case/C-${approvalId}`, 'ApprovalScopeChanged', from, data);
  }

  terminate(approvalId: string, reason: DataOf<'ApprovalTerminated'>['reason'], effectiveEnd: string): this {
    const data: DataOf<'ApprovalTerminated'> = { approvalId, reason, effectiveEnd, note: null };
    return this.push(`case/C-${approvalId}`, 'ApprovalTerminated', effectiveEnd, data);
  }

  accrue(o: MoneyOptions): this {
    const data: ExpenditureAccruedData = { ...dimensions(o), month: o.month, amount: o.amount, reference: `${o.sourceId ?? o.category}-${o.month}` };
    return this.push(streamOf(o), 'ExpenditureAccrued', `${o.month}-28`, data);
  }

  reverse(o: MoneyOptions): this {
    const data: ExpenditureReversedData = {
      ...dimensions(o),
      month: o.month,
      amount: o.amount,
      reference: `${o.sourceId ?? o.category}-${o.month}`,
      reason: 'Zahlung storniert',
    };
    return this.push(streamOf(o), 'ExpenditureReversed', `${o.month}-28`, data);
  }

  input(overrides: Partial<ComputedIndicatorInput> = {}): ComputedIndicatorInput {
    return { sozialraumId: SOZIALRAUM, fiscalYear: 2025, period: YEAR_2025, events: this.events, residentsUnder21: 2600, ...overrides };
  }
}

function segment(from: string, providerId: string): RateSegment {
  return { from, providerId, rate: '1000.00', hoursPerMonth: null, agreementId: null, rateReason: null };
}

function dimensions(o: MoneyOptions): LedgerDimensions {
  const inBudget = o.inBudget ?? true;
  return {
    sozialraumId: o.sozialraumId ?? SOZIALRAUM,
    fiscalYear: o.fiscalYear ?? 2025,
    category: o.category,
    inBudget,
    ...(inBudget ? {} : { outOfBudgetReason: 'high-cost' as const }),
    providerId: o.providerId ?? 'TR-E',
    source: { kind: o.category === 'FS' ? 'approval' : 'subsidy', id: o.sourceId ?? o.category },
  };
}

function streamOf(o: MoneyOptions): string {
  return o.category === 'FS' ? `case/C-${o.sourceId ?? 'FS'}` : `HRO-JA/subsidy/${o.sourceId ?? o.category}`;
}

/**
 * The approvals of the worked example (indicators-toitenwinkel-2025.md), all with stated settings:
 * T1–T5 in budget, T6 (§ 42) and T7 (high-cost) outside the budget and outside every indicator.
 */
export function toitenwinkelApprovals(log = new EventLog()): EventLog {
  return log
    .grant({ approvalId: 'T1', legalBasis: '31', setting: 'ambulant', start: '2025-01-01', end: '2025-12-31' })
    .grant({ approvalId: 'T2', legalBasis: '34', setting: 'stationaer', start: '2025-03-01', end: null })
    .grant({ approvalId: 'T3', legalBasis: '35a', setting: 'ambulant', start: '2025-02-01', end: '2025-07-31' })
    .grant({ approvalId: 'T4', legalBasis: '32', setting: 'teilstationaer', start: '2025-05-01', end: null })
    .grant({ approvalId: 'T5', legalBasis: '30', setting: 'ambulant', start: '2025-07-01', end: '2025-12-31' })
    .grant({ approvalId: 'T6', legalBasis: '42', setting: 'stationaer', start: '2025-04-10', end: '2025-05-20', inBudget: false })
    .grant({ approvalId: 'T7', legalBasis: '34', setting: 'stationaer', start: '2025-01-01', end: '2025-06-30', inBudget: false })
    .terminate('T4', 'abbruch', '2025-09-30');
}

/**
 * The worked example's money reduced to what the money indicators read: FS 104,702.50, FUE
 * 24,000.00, FU 32,800.00 in-budget actual, plus out-of-budget money that must not count.
 */
export function toitenwinkelMoney(log = new EventLog()): EventLog {
  return log
    .accrue({ category: 'FS', month: '2025-03', amount: '50000.00', sourceId: 'T1' })
    .accrue({ category: 'FS', month: '2025-09', amount: '54702.50', sourceId: 'T2' })
    .accrue({ category: 'FUE', month: '2025-06', amount: '24000.00', sourceId: 'ELTERN' })
    .accrue({ category: 'FU', month: '2025-11', amount: '32800.00', sourceId: 'TREFF' })
    .accrue({ category: 'FS', month: '2025-04', amount: '9000.00', sourceId: 'T7', inBudget: false });
}
