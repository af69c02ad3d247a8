import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { HTTP_PROBLEMS } from '../../libs/http/http-problems';
import { FiscalYearPipe, PatternPipe } from '../../libs/http/param-pipes';
import { text } from '../../libs/text/text';
import { CODE_PATTERN, CODE_TEXT } from '../shared/identifiers';
import { NotificationQuery, NotificationsQuery, UnreadNotificationsQuery } from './queries/notifications.query';
import { NotificationReadMarks } from './read-marks/notification-read-marks';
import { NotificationReadMarkDto } from './commands/steering.dtos';
import { STEERING_PROBLEMS } from './steering.problems';
import { ProviderFiguresQuery } from './queries/provider-figures.query';
import { MasterDataQueries } from '../master-data';
import { NotificationPage, NotificationReadMark, ProviderFigures, UnreadNotifications } from './steering.schemas';

@ApiTags('Steuerung')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsQuery,
    private readonly providerFigures: ProviderFiguresQuery,
    private readonly masterData: MasterDataQueries,
    private readonly readMarks: NotificationReadMarks,
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

  @Get('notifications/unread')
  @Operation({
    summary: 'Ungelesene Benachrichtigungen des angemeldeten Benutzers zählen',
    description:
      'Je Sozialraum und Haushaltsjahr die Benachrichtigungen, die nach der Lesemarke des Benutzers gebucht wurden (PUT /notifications/read-mark), gleich welchen Geschäftsdatums: eine rückwirkende Korrektur, die heute gebucht wird, ist neu. Ohne Lesemarke sind alle ungelesen. Wahlweise nur ein Haushaltsjahr (fiscalYear). Reihenfolge: nach fiscalYear, dann sozialraumId.',
    answer: { status: 200, schema: UnreadNotifications },
  })
  unread(@Ctx() ctx: CommandContext, @Query() query: UnreadNotificationsQuery) {
    return this.readMarks.unread(ctx, query.fiscalYear);
  }

  @Put('notifications/read-mark')
  @Operation({
    summary: 'Benachrichtigungen bis zu einer Protokollposition als gelesen markieren',
    description:
      'Setzt die Lesemarke des angemeldeten Benutzers auf die Position (position) der neuesten Meldung, die er gesehen hat; die Web-Oberfläche tut das beim Öffnen der Meldungen. Die Marke rückt nur vor: eine kleinere Position lässt sie stehen, die Antwort nennt die geltende. Eine Position hinter der neuesten Meldung des Mandanten wird abgelehnt. If-Match nennt die Marke, die ersetzt werden soll (readUpTo aus GET /notifications/unread, "0" für noch keine). Die Marke ist Zustand des Benutzers, kein Ereignis des Protokolls.',
    answer: { status: 200, schema: NotificationReadMark },
    refusals: [STEERING_PROBLEMS['read-mark-beyond-notifications']],
  })
  markRead(@Ctx() ctx: CommandContext, @Body() dto: NotificationReadMarkDto) {
    return this.readMarks.mark(ctx, dto.readUpTo);
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
