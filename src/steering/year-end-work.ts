import { Injectable } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { CommandContext } from '../../libs/ddd/command-context';
import { sortedBy } from '../../libs/order';
import { PendingItem, YEAR_END_PARTICIPANT, YearEndParticipant, pendingWorkOrder } from './year-end-participant';

/** The capabilities that take part in a year close (`@AsYearEndParticipant()` providers), asked together. */
@Injectable()
export class YearEndWork {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  /** Work of the year still waiting, in the documented order whichever participant names it. */
  async pending(tenantId: string, sozialraumId: string, fiscalYear: number): Promise<PendingItem[]> {
    const items: PendingItem[] = [];
    for (const participant of this.participants()) items.push(...(await participant.pendingWork(tenantId, sozialraumId, fiscalYear)));
    return sortedBy(items, pendingWorkOrder);
  }

  /** Carries what each participant commits beyond the closed year into the next one. */
  async rollOver(ctx: CommandContext, sozialraumId: string, fiscalYear: number): Promise<void> {
    for (const participant of this.participants()) await participant.rollOver(ctx, sozialraumId, fiscalYear);
  }

  private participants(): YearEndParticipant[] {
    return this.discovery
      .getProviders()
      .filter((w) => w.instance && w.metatype && this.reflector.get<boolean>(YEAR_END_PARTICIPANT, w.metatype))
      .map((w) => w.instance as YearEndParticipant);
  }
}
