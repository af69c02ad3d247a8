import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { HTTP_PROBLEMS } from '../../libs/http/http-problems';
import { FiscalYearPipe, PatternPipe } from '../../libs/http/param-pipes';
import { text } from '../../libs/text/text';
import { CODE_PATTERN, CODE_TEXT } from '../shared/identifiers';
import { NotificationQuery, NotificationsQuery } from './queries/notifications.query';
import { ProviderFiguresQuery } from './queries/provider-figures.query';
import { MasterDataQueries } from '../master-data';
import { NotificationPage, ProviderFigures } from './steering.schemas';

@ApiTags('Steuerung')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsQuery,
    private readonly providerFigures: ProviderFiguresQuery,
    private readonly masterData: MasterDataQueries,
  ) {}

  @Get('notifications')
  @Operation({
    summary: 'Benachrichtigungen der Steuerung auflisten',
    description:
      'Die Steuerungsereignisse, die Beteiligte erfahren sollen: Schwellenüberschreitungen und ihre Korrekturen (R7), Unterschreitungen, Berichte an die Kämmerei, Anträge und Entscheidungen über über- und außerplanmäßige Aufwendungen (R9), Jahresabrechnungen (R10); wahlweise je Sozialraum und Haushaltsjahr, seitenweise (limit, cursor). Reihenfolge: nach Geschäftsdatum, dann Protokollposition, beides absteigend (neueste zuerst).',
    answer: { status: 200, schema: NotificationPage },
  })
  list(@Ctx() ctx: CommandContext, @Query() query: NotificationQuery) {
    return this.notifications.list(ctx.tenantId, query);
  }

  @Get('provider-figures/:providerId/:fiscalYear')
  @Operation({
    summary: 'Die eigenen Zahlen eines Trägers in einem Haushaltsjahr lesen',
    description:
      'Gebunden, Ist und Hochrechnung des Trägers je Sozialraum und Kategorie, je Leistungsmonat (R3, R6), aus dem Lesemodell der Auslastung; Geld neben dem Budget (R1) in eigenen Zeilen. Benutzer eines Trägers sehen nur die eigenen Zahlen. Reihenfolge der Zeilen: nach sozialraumId, Budget vor Geld neben dem Budget (nach Grund), Kategorie FS, FUE, FU; Monate aufsteigend.',
    answer: { status: 200, schema: ProviderFigures },
    refusals: [HTTP_PROBLEMS['not-found']],
  })
  async figures(
    @Ctx() ctx: CommandContext,
    @Param('providerId', new PatternPipe('providerId', CODE_PATTERN, CODE_TEXT)) providerId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
  ) {
    if (ctx.actor.role === 'provider' && ctx.providerId !== providerId) {
      throw new NotFound(
        HTTP_PROBLEMS['not-found'],
        text(`Die Zahlen des Trägers ${providerId} sind für Sie nicht sichtbar.`, `No figures of ${providerId} are visible to you.`),
      );
    }
    // A provider this Jugendamt has not registered has no figures here, not zero figures.
    if (!(await this.masterData.getProvider(ctx.tenantId, providerId))) {
      throw new NotFound(HTTP_PROBLEMS['not-found'], text(`Der Träger ${providerId} ist nicht registriert.`, `No provider ${providerId} is registered.`));
    }
    return this.providerFigures.figures(ctx.tenantId, providerId, fiscalYear);
  }
}
