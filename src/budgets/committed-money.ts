import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../libs/ddd/domain-error';
import { text } from '../../libs/text/text';
import { EVENT_STORE, EventStore, LogCheckpoint, compareCheckpoints } from '../../libs/event-store/event-store.port';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { Decimal } from '../../libs/money';
import { LedgerQueries } from '../ledger';
import { BudgetCategory } from '../shared/budget-category';
import { HTTP_PROBLEMS } from '../../libs/http/http-problems';

export const LEDGER_PROJECTION = 'ledger-journal';
const POLL_MS = 20;

/**
 * FS money bound by approvals, as planning decisions (R11 reallocation, amendment floor) must see
 * it: every commitment recorded before the command started is counted.
 *
 * The figure comes from the ledger journal (`ledger_entries`), a projection filled by a
 * checkpointed consumer that may run in this process or in the separate worker (apps/worker).
 * Replaying the Sozialraum-year from the log would not avoid the lag: which approval streams
 * belong to a Sozialraum-year is itself only known from that journal. So before reading, the
 * journal's stored checkpoint (es_consumers, shared by all processes) must have reached the head
 * of the log seen when the command started; it is polled for as long as a read waits for a projection (PROJECTION_WAIT_MS), and if the journal
 * is still behind the command is refused with 503 `projection-behind`, which the client retries.
 * Approvals recorded concurrently with the decision are never blocked (R8); they surface as
 * forecast warnings, not as a hidden reallocation of committed money.
 */
@Injectable()
export class CommittedMoney {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerQueries,
    private readonly projections: ProjectionRunner,
  ) {}

  /** Money bound in a category of a Sozialraum-year by streams other than the budget stream. */
  async boundOutside(tenantId: string, sozialraumId: string, fiscalYear: number, category: BudgetCategory, budgetStreamId: string): Promise<Decimal> {
    await this.awaitLedgerJournal();
    return this.ledger.boundOutside(tenantId, sozialraumId, fiscalYear, category, budgetStreamId);
  }

  /** Resolves once the ledger journal has processed the log up to the head seen at the call. */
  async awaitLedgerJournal(timeoutMs = this.projections.waitMs): Promise<void> {
    const head = await this.store.headCheckpoint();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoint = await this.journalCheckpoint();
      if (checkpoint && compareCheckpoints(checkpoint, head) >= 0) return;
      if (Date.now() >= deadline) {
        throw new DomainError(
          HTTP_PROBLEMS['projection-behind'],
          text(
            'Das Buchungsjournal hat noch nicht alle Mittelbindungen erfasst; die Entscheidung braucht sie alle. Bitte in einem Moment erneut versuchen.',
            'The ledger journal has not yet recorded every commitment; the decision needs them all. Try again in a moment.',
          ),
          { retryable: true, retryAfterSeconds: 1 },
        );
      }
      // Nudges the consumer if it runs in this process; a worker process polls on its own.
      this.projections.poke();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async journalCheckpoint(): Promise<LogCheckpoint | null> {
    const rows: Array<{ txid: string; global_position: string }> = await this.dataSource.query(
      'select transaction_id::text as txid, global_position::text as global_position from es_consumers where name = $1',
      [LEDGER_PROJECTION],
    );
    return rows.length ? { transactionId: BigInt(rows[0].txid), position: BigInt(rows[0].global_position) } : null;
  }
}
