import { todayInBerlin } from '../../../libs/calendar';
import { CommandContext } from '../../../libs/ddd/command-context';
import { AUTH_PROBLEMS } from '../../../libs/auth/auth-problems';
import { DomainError } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { Party } from '../domain/sozialraum-budget.events';
import { MasterDataQueries } from '../../master-data';

/**
 * Which party of shared responsibility acts: the Jugendamt (controller) or the Sozialraum's lead
 * provider (a provider user whose provider leads the Trägerverbund on the recording day).
 *
 * Authority is decided by the Verbund in force on the day the command is recorded (today in
 * Europe/Berlin), never by the client-sent business date: otherwise a former lead could back-date
 * and a future lead forward-date a command to act for the providers.
 */
export async function actingParty(
  ctx: CommandContext,
  sozialraumId: string,
  directory: MasterDataQueries,
  recordingDay: string = todayInBerlin(),
): Promise<Party> {
  if (ctx.actor.role === 'controller') return 'jugendamt';
  if (ctx.actor.role === 'provider') {
    const lead = await directory.leadProviderOn(ctx.tenantId, sozialraumId, recordingDay);
    if (lead && lead === ctx.providerId) return 'lead-provider';
    throw new DomainError(
      SHARED_PROBLEMS['not-lead-provider'],
      text(
        `Nur der federführende Träger des Trägerverbunds von ${sozialraumId} handelt hier für die Träger.`,
        `Only the lead provider of the Trägerverbund of ${sozialraumId} acts for the providers here.`,
      ),
    );
  }
  throw new DomainError(
    AUTH_PROBLEMS.forbidden,
    text('An Umschichtungen wirken nur das Jugendamt und der federführende Träger mit.', 'Only the Jugendamt or the lead provider take part in reallocations.'),
  );
}
