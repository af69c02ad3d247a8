import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiReply } from '../../libs/auth/api-request';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { csvDownload, XLSX_MEDIA_TYPE, xlsxDownload } from '../../libs/export';
import { Static } from '../../libs/http/contract/schema-types';
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
import { DecimalCommaQuery } from './queries/export-query.dto';
import { providerFiguresTable } from './queries/steering-exports';
import { MasterDataQueries } from '../master-data';
import { NotificationPage, NotificationReadMark, ProviderFigures, UnreadNotifications } from './steering.schemas';

const providerParam = new PatternPipe('providerId', CODE_PATTERN, CODE_TEXT);

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
  async figures(@Ctx() ctx: CommandContext, @Param('providerId', providerParam) providerId: string, @Param('fiscalYear', FiscalYearPipe) fiscalYear: number) {
    return (await this.visibleFigures(ctx, providerId, fiscalYear)).figures;
  }

  @Get('provider-figures/:providerId/:fiscalYear/csv')
  @Operation({
    summary: 'Die eigenen Zahlen eines Trägers als CSV-Datei herunterladen',
    description:
      'Die Zahlen wie GET /provider-figures/{providerId}/{fiscalYear}: eine Zeile je Sozialraum, Zuordnung (im Budget oder Geld neben dem Budget mit Grund), Kategorie und Leistungsmonat mit Gebunden, Ist und Hochrechnung, dazu die Summe jeder Zeile und die Gesamtsumme. Benutzer eines Trägers erhalten nur die eigenen Zahlen. Deutsche Spaltenköpfe, UTF-8 mit BOM; Vorgabe Dezimalkomma und Semikolon (für Excel), mit decimalComma=false Dezimalpunkt und Komma.',
    answer: { status: 200, mediaType: 'text/csv', description: 'Trägerzahlen als CSV-Datei (traegerzahlen-<Träger>-<Jahr>.csv)' },
    refusals: [HTTP_PROBLEMS['not-found']],
  })
  async figuresCsv(
    @Ctx() ctx: CommandContext,
    @Param('providerId', providerParam) providerId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Query() q: DecimalCommaQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    const { figures } = await this.visibleFigures(ctx, providerId, fiscalYear);
    return csvDownload(reply, `traegerzahlen-${providerId}-${fiscalYear}.csv`, providerFiguresTable(figures), q.decimalComma !== 'false');
  }

  @Get('provider-figures/:providerId/:fiscalYear/xlsx')
  @Operation({
    summary: 'Die eigenen Zahlen eines Trägers als Excel-Datei (XLSX) herunterladen',
    description:
      'Die Zahlen wie GET /provider-figures/{providerId}/{fiscalYear} als Arbeitsmappe: eine Zeile je Sozialraum, Zuordnung, Kategorie und Leistungsmonat (Monat als Datum MM.JJJJ) mit Gebunden, Ist und Hochrechnung als Zahlen im Format 1.234,50 €, dazu die Summen; fixierte Kopfzeile; das Blatt „Parameter“ nennt Träger, Haushaltsjahr, Stand (heute, aus dem Lesemodell) und den Zeitpunkt der Erstellung. Benutzer eines Trägers erhalten nur die eigenen Zahlen.',
    answer: { status: 200, mediaType: XLSX_MEDIA_TYPE, description: 'Trägerzahlen als Excel-Datei (traegerzahlen-<Träger>-<Jahr>.xlsx)' },
    refusals: [HTTP_PROBLEMS['not-found']],
  })
  async figuresXlsx(
    @Ctx() ctx: CommandContext,
    @Param('providerId', providerParam) providerId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    const { figures, providerName } = await this.visibleFigures(ctx, providerId, fiscalYear);
    return xlsxDownload(reply, `traegerzahlen-${providerId}-${fiscalYear}.xlsx`, {
      sheetName: 'Trägerzahlen',
      table: providerFiguresTable(figures),
      parameters: [
        { label: 'Auswertung', value: 'Zahlen des Trägers' },
        { label: 'Träger', value: `${providerId} (${providerName})` },
        { label: 'Haushaltsjahr', value: String(fiscalYear) },
        // The figures come from the read model: today's state with everything known now.
        { label: 'Stand am', value: 'heute' },
        { label: 'Wissensstand', value: 'aktuell' },
      ],
      createdAt: new Date(),
    });
  }

  /** A provider's figures as its JSON view answers them, with the same refusals: another provider's or an unknown one's are not found. */
  private async visibleFigures(
    ctx: CommandContext,
    providerId: string,
    fiscalYear: number,
  ): Promise<{ figures: Static<typeof ProviderFigures>; providerName: string }> {
    if (ctx.actor.role === 'provider' && ctx.providerId !== providerId) {
      throw new NotFound(
        HTTP_PROBLEMS['not-found'],
        text(`Die Zahlen des Trägers ${providerId} sind für Sie nicht sichtbar.`, `No figures of ${providerId} are visible to you.`),
      );
    }
    // A provider this Jugendamt has not registered has no figures here, not zero figures.
    const provider = await this.masterData.getProvider(ctx.tenantId, providerId);
    if (!provider) {
      throw new NotFound(HTTP_PROBLEMS['not-found'], text(`Der Träger ${providerId} ist nicht registriert.`, `No provider ${providerId} is registered.`));
    }
    return { figures: await this.providerFigures.figures(ctx.tenantId, providerId, fiscalYear), providerName: provider.name };
  }
}
