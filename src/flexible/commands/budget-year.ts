import { HandleOptions } from '../../../libs/ddd/aggregate-store';
import { CommandContext, onBusinessDate } from '../../../libs/ddd/command-context';
import { DomainError } from '../../../libs/ddd/domain-error';
import { AUTH_PROBLEMS } from '../../../libs/auth/auth-problems';
import { text } from '../../../libs/text/text';
import { streams } from '../../shared/stream-ids';
import { BudgetYear } from './flexible.commands';

/**
 * Every flexible decision depends only on the budget stream, so a lost race is re-decided on the
 * newer state: of two approvals racing for the last euros the second then sees them gone. Each
 * lost race means another command succeeded, so the attempts only need to cover the requests
 * that can arrive at once for one Sozialraum-year.
 */
export const FLEXIBLE_HANDLE_OPTIONS: HandleOptions = { retryOnConflict: true, maxAttempts: 25 };

/** The budget stream a flexible command is decided on, and the context on its business date. */
export function onBudgetYear(requestCtx: CommandContext, year: BudgetYear, businessDate: string | undefined): { ctx: CommandContext; streamId: string } {
  const ctx = onBusinessDate(requestCtx, businessDate);
  return { ctx, streamId: streams.budget(ctx.tenantId, year.sozialraumId, year.fiscalYear) };
}

/** The provider a provider user acts for; Jugendamt roles act for no provider. */
export function actingProvider(ctx: CommandContext): string | undefined {
  if (ctx.actor.role !== 'provider') return undefined;
  if (!ctx.providerId) {
    throw new DomainError(
      AUTH_PROBLEMS.forbidden,
      text('Ein Nutzer eines Trägers braucht die Angabe seines Trägers (provider claim).', 'A provider user needs a provider claim.'),
    );
  }
  return ctx.providerId;
}
