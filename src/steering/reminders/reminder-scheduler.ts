import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { todayInBerlin } from '../../../libs/calendar';
import { APP_CONFIG, AppConfig } from '../../../libs/config/app-config';
import { AggregateStore } from '../../../libs/ddd/aggregate-store';
import { systemContext } from '../../../libs/ddd/system-context';
import { BudgetQueries } from '../../budgets';
import { streams } from '../../shared/stream-ids';
import { dueReminders, WaitingItem } from '../domain/reminders';
import { steeringDecider } from '../domain/steering-stream';
import { YearEndWork } from '../year-end-work';

/**
 * Looks at every Sozialraum-year with a budget and raises, on its steering stream, what is
 * overdue today: the steering meeting of an open overrun procedure, invoices waiting for the four
 * eyes, a settlement waiting for a confirmation. Each reminder is a steering event, so it is a
 * notification like a threshold crossing and is delivered through the same outbox (mail,
 * webhook). The decision is made on the stream, which holds the reminders already raised: a
 * second process or a second run in the same week raises nothing twice.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reminders');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly aggregates: AggregateStore,
    private readonly budgets: BudgetQueries,
    private readonly yearEnd: YearEndWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runProjections) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.raiseDue()
        .catch((error) => this.logger.error(`raising reminders failed: ${(error as Error).message}`))
        .finally(() => (this.running = null));
    }, this.config.reminders.intervalSeconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Raises what is due on `today` (Europe/Berlin); answers how many reminders were raised. */
  async raiseDue(today: string = todayInBerlin()): Promise<number> {
    let raised = 0;
    for (const year of await this.budgets.sozialraumYears()) {
      try {
        raised += await this.raiseFor(year.tenantId, year.sozialraumId, year.fiscalYear, today);
      } catch (error) {
        // One Sozialraum-year's failure does not hold up the reminders of the others.
        this.logger.error(`reminders of ${year.tenantId}/${year.sozialraumId}/${year.fiscalYear}: ${(error as Error).message}`);
      }
    }
    return raised;
  }

  private async raiseFor(tenantId: string, sozialraumId: string, fiscalYear: number, today: string): Promise<number> {
    const waiting: WaitingItem[] = (await this.yearEnd.pending(tenantId, sozialraumId, fiscalYear)).flatMap((item) =>
      item.kind === 'invoice' && item.since ? [{ kind: item.kind, id: item.id, description: item.description, since: item.since }] : [],
    );
    const result = await this.aggregates.handle(
      streams.steering(tenantId, sozialraumId, fiscalYear),
      steeringDecider,
      systemContext(tenantId, today),
      { decide: (state) => dueReminders(state, waiting, today, this.config.reminders, new Set(state.reminders)) },
      { retryOnConflict: true },
    );
    return result.events.length;
  }
}
