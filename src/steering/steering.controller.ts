import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiReply } from '../../libs/auth/api-request';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { NotFound } from '../../libs/ddd/domain-error';
import { csvDownload, XLSX_MEDIA_TYPE, xlsxDownload } from '../../libs/export';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { Static } from '../../libs/http/contract/schema-types';
import { FiscalYearPipe, PatternPipe } from '../../libs/http/param-pipes';
import { text } from '../../libs/text/text';
import { CODE_PATTERN, CODE_TEXT } from '../shared/identifiers';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { BudgetQueries, BudgetYearEnd } from '../budgets';
import { MasterDataQueries } from '../master-data';
import { PRIVACY_PROBLEMS } from '../privacy';
import {
  ApplySettlementCommand,
  CalculateSettlementCommand,
  CloseMonthCommand,
  CloseProcedureCommand,
  CloseYearCommand,
  ConfirmSettlementCommand,
  DecideSupplementaryExpenditureCommand,
  HoldSteeringMeetingCommand,
  ReportToKaemmereiCommand,
  RequestSupplementaryExpenditureCommand,
  SteeringHandled,
} from './commands/steering.commands';
import {
  BusinessDateDto,
  CloseProcedureDto,
  KaemmereiReportDto,
  MonthCloseDto,
  SteeringMeetingDto,
  SupplementaryDecisionDto,
  SupplementaryRequestDto,
  YearCloseDto,
} from './commands/steering.dtos';
import { noBudget } from './commands/steering-command-support';
import { BookViewQuery, CsvQuery } from './queries/book-view.dto';
import { SteeringQueries, toBookView } from './queries/steering-queries';
import { MonthClosesQuery } from './queries/month-closes.query';
import { monitoringListTable, settlementTable, steeringParameters, timelineTable, utilisationTable } from './queries/steering-exports';
import { calculateSettlement } from './domain/settlement';
import { SteeringEvent } from './domain/steering.events';
import { YearEndWork } from './year-end-work';
import { STEERING_PROBLEMS } from './steering.problems';
import {
  ForecastTimeline,
  KaemmereiReport,
  MonitoringList,
  MonthCloseAnswer,
  MonthCloseList,
  MonthCloseView,
  PendingWork,
  ProcedureAnswer,
  SettlementAnswer,
  SettlementView,
  SteeringOverview,
  SupplementaryRequestAnswer,
  Utilisation,
  YearCloseAnswer,
} from './steering.schemas';

const sr = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_TEXT);
const monthParam = new PatternPipe('month', /^\d{4}-(0[1-9]|1[0-2])$/, text('muss ein Monat wie 2025-09 sein.', 'must be a month such as 2025-09.'));
const requestParam = new PatternPipe(
  'requestId',
  /^UEV-[A-Z0-9-]+-\d{4}-A\d{1,4}$/,
  text('muss die Kennung eines Antrags wie UEV-HRO-TW-2025-A1 sein.', 'must be a request id such as UEV-HRO-TW-2025-A1.'),
);

const P = STEERING_PROBLEMS;
/** What every command on the overrun procedure can meet: no procedure, or one already closed. */
const OPEN_PROCEDURE = [P['no-overrun-procedure'], P['procedure-closed']];
/** The procedure's texts are sealed under the Sozialraum-year's steering key; once erased, no new one is taken. */
const FREE_TEXT = [PRIVACY_PROBLEMS['texts-erased']];

@ApiTags('Steuerung')
@ApiBearerAuth()
@Controller('steering')
export class SteeringController {
  constructor(
    private readonly queries: SteeringQueries,
    private readonly commands: CommandBus,
    private readonly budgets: BudgetQueries,
    private readonly budgetYearEnd: BudgetYearEnd,
    private readonly yearEnd: YearEndWork,
    private readonly directory: MasterDataQueries,
    private readonly monthCloses: MonthClosesQuery,
  ) {}

  @Get(':sozialraumId/:fiscalYear')
  @Operation({
    summary: 'Steuerungsstand eines Sozialraum-Jahres lesen',
    description:
      'Die Schwellenüberschreitungen der Hochrechnung (R7) mit Geschäftsdatum und die später zurückgenommenen, das Überschreitungsverfahren mit Fälligkeit der Steuerungsrunde (überfällig oder nicht), seinen Berichten an die Kämmerei und ob ein Antrag auf über- oder außerplanmäßige Aufwendungen für die Überschreitung fällig ist (R9), die abgeschlossenen Monate, die Unterschreitung und die Jahresabrechnung (R10). asOf, knownAt und knownAtPosition zeigen einen früheren Stand; version (ETag) ist die Fassung des Steuerungsstroms.',
    answer: { status: 200, schema: SteeringOverview },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async overview(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number, @Query() q: BookViewQuery) {
    await this.assertBudget(ctx, s, y);
    return this.queries.overview(ctx.tenantId, s, y, toBookView(q), ctx.businessDate);
  }

  @Get(':sozialraumId/:fiscalYear/utilisation')
  @Operation({
    summary: 'Auslastung je Kategorie und Monat lesen',
    description:
      'Ansatz, offene Bindungen, Ist (R3), Hochrechnung (R6), Verfügbares und Anteil der Hochrechnung an B je Kategorie und Monat, dazu je Träger; Geld neben dem Budget (R1) und Erträge (R2) stehen getrennt daneben. Ohne asOf, knownAt und knownAtPosition aus dem Lesemodell, sonst aus dem Ereignisprotokoll. Reihenfolge: Kategorien FS, FUE, FU, Monate Januar bis Dezember; Träger nach providerId, dann Kategorie; Geld neben dem Budget nach Grund; Erträge nach Art.',
    answer: { status: 200, schema: Utilisation },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async utilisation(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ) {
    await this.assertBudget(ctx, s, y);
    return this.queries.utilisation(ctx.tenantId, s, y, toBookView(q));
  }

  @Get(':sozialraumId/:fiscalYear/utilisation/csv')
  @Operation({
    summary: 'Auslastung als CSV-Datei herunterladen',
    description:
      'Die Auslastung je Kategorie und Monat mit den Summen je Kategorie und des Sozialraumbudgets, wie GET …/utilisation (auch mit asOf, knownAt, knownAtPosition). Deutsche Spaltenköpfe, UTF-8 mit BOM; Vorgabe Dezimalkomma und Semikolon (für Excel), mit decimalComma=false Dezimalpunkt und Komma.',
    answer: { status: 200, mediaType: 'text/csv', description: 'Auslastung als CSV-Datei (auslastung-<Sozialraum>-<Jahr>.csv)' },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async utilisationCsv(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: CsvQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    await this.assertBudget(ctx, s, y);
    const u = await this.queries.utilisation(ctx.tenantId, s, y, toBookView(q));
    return csvDownload(reply, `auslastung-${s}-${y}.csv`, utilisationTable(u), q.decimalComma !== 'false');
  }

  @Get(':sozialraumId/:fiscalYear/utilisation/xlsx')
  @Operation({
    summary: 'Auslastung als Excel-Datei (XLSX) herunterladen',
    description:
      'Die Auslastung je Kategorie und Monat mit den Summen je Kategorie und des Sozialraumbudgets, wie GET …/utilisation (auch mit asOf, knownAt, knownAtPosition), als Arbeitsmappe: deutsche Spaltenköpfe in einer fixierten Kopfzeile, Beträge als Zahlen im Format 1.234,50 €, Monate als Datum (MM.JJJJ); das Blatt „Parameter“ nennt Sozialraum, Haushaltsjahr, Stand am, Wissensstand und den Zeitpunkt der Erstellung.',
    answer: { status: 200, mediaType: XLSX_MEDIA_TYPE, description: 'Auslastung als Excel-Datei (auslastung-<Sozialraum>-<Jahr>.xlsx)' },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async utilisationXlsx(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    await this.assertBudget(ctx, s, y);
    const u = await this.queries.utilisation(ctx.tenantId, s, y, toBookView(q));
    return xlsxDownload(reply, `auslastung-${s}-${y}.xlsx`, {
      sheetName: 'Auslastung',
      table: utilisationTable(u),
      parameters: steeringParameters('Auslastung', s, y, q),
      createdAt: new Date(),
    });
  }

  @Get(':sozialraumId/:fiscalYear/monitoring-list')
  @Operation({
    summary: 'Haushaltsüberwachungsliste lesen',
    description:
      'Ansatz, Bindungen, Anordnungen, Ist und Rest je Kategorie (FS, FUE, FU) und gesamt. Die Zahlungsanordnung bucht das Ist (R4), daher sind Anordnungen und Ist gleich. Ohne asOf, knownAt und knownAtPosition aus dem Lesemodell, sonst aus dem Ereignisprotokoll.',
    answer: { status: 200, schema: MonitoringList },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async monitoringList(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ) {
    await this.assertBudget(ctx, s, y);
    return this.queries.monitoringList(ctx.tenantId, s, y, toBookView(q));
  }

  @Get(':sozialraumId/:fiscalYear/monitoring-list/csv')
  @Operation({
    summary: 'Haushaltsüberwachungsliste als CSV-Datei herunterladen',
    description:
      'Die Haushaltsüberwachungsliste wie GET …/monitoring-list (auch mit asOf, knownAt, knownAtPosition): eine Zeile je Kategorie und die Gesamtzeile. Deutsche Spaltenköpfe, UTF-8 mit BOM; Vorgabe Dezimalkomma und Semikolon (für Excel), mit decimalComma=false Dezimalpunkt und Komma.',
    answer: { status: 200, mediaType: 'text/csv', description: 'Haushaltsüberwachungsliste als CSV-Datei (hue-liste-<Sozialraum>-<Jahr>.csv)' },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async monitoringListCsv(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: CsvQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    await this.assertBudget(ctx, s, y);
    const h = await this.queries.monitoringList(ctx.tenantId, s, y, toBookView(q));
    return csvDownload(reply, `hue-liste-${s}-${y}.csv`, monitoringListTable(h), q.decimalComma !== 'false');
  }

  @Get(':sozialraumId/:fiscalYear/monitoring-list/xlsx')
  @Operation({
    summary: 'Haushaltsüberwachungsliste als Excel-Datei (XLSX) herunterladen',
    description:
      'Die Haushaltsüberwachungsliste wie GET …/monitoring-list (auch mit asOf, knownAt, knownAtPosition) als Arbeitsmappe: eine Zeile je Kategorie und die Gesamtzeile, deutsche Spaltenköpfe in einer fixierten Kopfzeile, Beträge als Zahlen im Format 1.234,50 €; das Blatt „Parameter“ nennt Sozialraum, Haushaltsjahr, Stand am, Wissensstand und den Zeitpunkt der Erstellung.',
    answer: { status: 200, mediaType: XLSX_MEDIA_TYPE, description: 'Haushaltsüberwachungsliste als Excel-Datei (hue-liste-<Sozialraum>-<Jahr>.xlsx)' },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async monitoringListXlsx(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    await this.assertBudget(ctx, s, y);
    const h = await this.queries.monitoringList(ctx.tenantId, s, y, toBookView(q));
    return xlsxDownload(reply, `hue-liste-${s}-${y}.xlsx`, {
      sheetName: 'Haushaltsüberwachungsliste',
      table: monitoringListTable(h),
      parameters: steeringParameters('Haushaltsüberwachungsliste', s, y, q),
      createdAt: new Date(),
    });
  }

  @Get(':sozialraumId/:fiscalYear/forecast-timeline')
  @Operation({
    summary: 'Verlauf der Hochrechnung lesen',
    description:
      'Jede Änderung der Hochrechnung (R6) und von B nach Geschäftsdatum, mit ihrer Ursache (Bewilligung, Zuwendung, flexible Maßnahme, Budget) und dem laufenden Anteil an B: wann und warum eine Schwelle (R7) überschritten wurde. Ohne knownAt und knownAtPosition aus dem Lesemodell, sonst aus dem Ereignisprotokoll; asOf schneidet nach dem Geschäftsdatum ab. Reihenfolge: nach Geschäftsdatum, dann Protokollposition.',
    answer: { status: 200, schema: ForecastTimeline },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async timeline(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number, @Query() q: BookViewQuery) {
    await this.assertBudget(ctx, s, y);
    return this.queries.timeline(ctx.tenantId, s, y, toBookView(q));
  }

  @Get(':sozialraumId/:fiscalYear/forecast-timeline/csv')
  @Operation({
    summary: 'Verlauf der Hochrechnung als CSV-Datei herunterladen',
    description:
      'Der Verlauf der Hochrechnung wie GET …/forecast-timeline (auch mit asOf, knownAt, knownAtPosition): eine Zeile je Änderung mit Geschäftsdatum, Ursache, Änderung, Hochrechnung, B, Anteil an B, den Schwellen (R7, Prozentsätze des Vertrags), die die Änderung überschritten hat, Ereignistyp und Protokollposition. Deutsche Spaltenköpfe, UTF-8 mit BOM; Vorgabe Dezimalkomma und Semikolon (für Excel), mit decimalComma=false Dezimalpunkt und Komma.',
    answer: { status: 200, mediaType: 'text/csv', description: 'Verlauf der Hochrechnung als CSV-Datei (hochrechnung-<Sozialraum>-<Jahr>.csv)' },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async timelineCsv(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: CsvQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    const table = await this.timelineExport(ctx, s, y, q);
    return csvDownload(reply, `hochrechnung-${s}-${y}.csv`, table, q.decimalComma !== 'false');
  }

  @Get(':sozialraumId/:fiscalYear/forecast-timeline/xlsx')
  @Operation({
    summary: 'Verlauf der Hochrechnung als Excel-Datei (XLSX) herunterladen',
    description:
      'Der Verlauf der Hochrechnung wie GET …/forecast-timeline (auch mit asOf, knownAt, knownAtPosition) als Arbeitsmappe: eine Zeile je Änderung mit Geschäftsdatum (als Datum), Ursache, Änderung, Hochrechnung und B (Zahlen im Format 1.234,50 €), Anteil an B (Zahl im Format 81,08 %), den überschrittenen Schwellen (R7), Ereignistyp und Protokollposition; fixierte Kopfzeile; das Blatt „Parameter“ nennt Sozialraum, Haushaltsjahr, Stand am, Wissensstand und den Zeitpunkt der Erstellung.',
    answer: { status: 200, mediaType: XLSX_MEDIA_TYPE, description: 'Verlauf der Hochrechnung als Excel-Datei (hochrechnung-<Sozialraum>-<Jahr>.xlsx)' },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async timelineXlsx(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    const table = await this.timelineExport(ctx, s, y, q);
    return xlsxDownload(reply, `hochrechnung-${s}-${y}.xlsx`, {
      sheetName: 'Verlauf der Hochrechnung',
      table,
      parameters: steeringParameters('Verlauf der Hochrechnung', s, y, q),
      createdAt: new Date(),
    });
  }

  @Get(':sozialraumId/:fiscalYear/settlement')
  @Operation({
    summary: 'Jahresabrechnung lesen',
    description:
      'Die Jahresabrechnung (R10), wie sie berechnet und bestätigt wurde (recorded, null vor der Berechnung), und eine Vorschau aus B, flexiblem Budget und Ist der Sicht (asOf, knownAt, knownAtPosition) unter dem Vertrag zum 31.12. Ein Träger sieht nur als federführender Träger des Sozialraums die Abrechnung, die er bestätigt. version (ETag) ist die Fassung des Steuerungsstroms, die das If-Match der Bestätigung nennt.',
    answer: { status: 200, schema: SettlementView },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async settlement(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ): Promise<Static<typeof SettlementView>> {
    return this.settlementView(ctx, s, y, q);
  }

  @Get(':sozialraumId/:fiscalYear/settlement/csv')
  @Operation({
    summary: 'Jahresabrechnung als CSV-Datei herunterladen',
    description:
      'Die Jahresabrechnung wie GET …/settlement (auch mit asOf, knownAt, knownAtPosition; ein Träger nur als federführender Träger): Kennung, Tag der Berechnung, Ergebnis und jede Zahl der Rechnung nach R10 mit ihrer Bezeichnung (B, flexibles Budget, Ist I, D, K, E oder S, Anteile, Deckel, Übertrag), die Bestätigungen mit Organisation und Datum, dann die Vorschau aus den Zahlen der Sicht; eine Zeile je Angabe. Deutsche Spaltenköpfe, UTF-8 mit BOM; Vorgabe Dezimalkomma und Semikolon (für Excel), mit decimalComma=false Dezimalpunkt und Komma.',
    answer: { status: 200, mediaType: 'text/csv', description: 'Jahresabrechnung als CSV-Datei (jahresabrechnung-<Sozialraum>-<Jahr>.csv)' },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async settlementCsv(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: CsvQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    const view = await this.settlementView(ctx, s, y, q);
    return csvDownload(reply, `jahresabrechnung-${s}-${y}.csv`, settlementTable(view), q.decimalComma !== 'false');
  }

  @Get(':sozialraumId/:fiscalYear/settlement/xlsx')
  @Operation({
    summary: 'Jahresabrechnung als Excel-Datei (XLSX) herunterladen',
    description:
      'Die Jahresabrechnung wie GET …/settlement (auch mit asOf, knownAt, knownAtPosition; ein Träger nur als federführender Träger) als Arbeitsmappe: jede Zahl der Rechnung nach R10 mit ihrer Bezeichnung als Zahl im Format 1.234,50 €, Berechnung und Bestätigungen mit Datum, dann die Vorschau; fixierte Kopfzeile; das Blatt „Parameter“ nennt Sozialraum, Haushaltsjahr, Stand am, Wissensstand und den Zeitpunkt der Erstellung.',
    answer: { status: 200, mediaType: XLSX_MEDIA_TYPE, description: 'Jahresabrechnung als Excel-Datei (jahresabrechnung-<Sozialraum>-<Jahr>.xlsx)' },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async settlementXlsx(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    const view = await this.settlementView(ctx, s, y, q);
    return xlsxDownload(reply, `jahresabrechnung-${s}-${y}.xlsx`, {
      sheetName: 'Jahresabrechnung',
      table: settlementTable(view),
      parameters: steeringParameters('Jahresabrechnung', s, y, q),
      createdAt: new Date(),
    });
  }

  @Get(':sozialraumId/:fiscalYear/pending-work')
  @Operation({
    summary: 'Offene Arbeit des Haushaltsjahres lesen',
    description:
      'Was den Jahresabschluss blockiert: Rechnungen, die auf Prüfung oder Zahlungsanordnung warten (R4), flexible Maßnahmen ohne Entscheidung oder ohne Meldung der tatsächlichen Kosten, Raten von Zuwendungen ohne Zahlungsanordnung. version (ETag) ist die Fassung des Budgetstroms, die das If-Match des Jahresabschlusses nennt. Reihenfolge: Rechnungen, Maßnahmen, Raten; jeweils nach Kennung, Zahlen darin als Zahlen verglichen.',
    answer: { status: 200, schema: PendingWork },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async pending(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
  ): Promise<Static<typeof PendingWork>> {
    await this.assertBudget(ctx, s, y);
    const version = await this.budgetYearEnd.version(ctx.tenantId, s, y);
    return { sozialraumId: s, fiscalYear: y, version, items: await this.yearEnd.pending(ctx.tenantId, s, y) };
  }

  @Get(':sozialraumId/:fiscalYear/month-closes')
  @Operation({
    summary: 'Abgeschlossene Monate auflisten',
    description:
      'Die abgeschlossenen Monate mit den beim Abschluss festgehaltenen Zahlen: Hochrechnung, B, Anteil an B, Protokollposition, wann und von wem abgeschlossen. Die eingefrorene Haushaltsüberwachungsliste zeigt GET …/month-closes/{month}. Reihenfolge: nach Monat.',
    answer: { status: 200, schema: MonthCloseList },
    refusals: [SHARED_PROBLEMS['budget-not-found']],
  })
  async monthCloseList(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number) {
    await this.assertBudget(ctx, s, y);
    return this.monthCloses.list(ctx.tenantId, s, y);
  }

  @Get(':sozialraumId/:fiscalYear/month-closes/:month')
  @Operation({
    summary: 'Einen abgeschlossenen Monat lesen',
    description:
      'Die Haushaltsüberwachungsliste, wie sie der Monatsabschluss eingefroren hat (zum Monatsende, wie beim Abschluss bekannt), mit Hochrechnung, B und Protokollposition. Spätere rückdatierte Buchungen ändern sie nie.',
    answer: { status: 200, schema: MonthCloseView },
    refusals: [SHARED_PROBLEMS['budget-not-found'], P['month-not-closed']],
  })
  async monthClose(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Param('month', monthParam) month: string,
  ) {
    await this.assertBudget(ctx, s, y);
    return this.monthCloses.one(ctx.tenantId, s, y, month);
  }

  @Post(':sozialraumId/:fiscalYear/month-closes')
  @Operation({
    summary: 'Einen Monat abschließen',
    description:
      'Friert die Haushaltsüberwachungsliste des Monats ein (zum Monatsende, wie zum Abschluss bekannt, mit Protokollposition: MonthClosed) und prüft ab dem Prüfmonat die Unterschreitung (R7): liegt die Hochrechnung unter (100 % − Korridor) von B, wird einmal im Jahr UnderrunDetected gebucht, datiert auf den letzten Tag des Monats. Ein Monat wird erst nach seinem letzten Tag abgeschlossen.',
    answer: { status: 201, schema: MonthCloseAnswer, location: '/steering/{sozialraumId}/{fiscalYear}/month-closes/{month}' },
    refusals: [SHARED_PROBLEMS['budget-not-found'], P['month-outside-year'], P['month-already-closed'], P['month-not-ended']],
  })
  async closeMonth(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: MonthCloseDto,
  ): Promise<Static<typeof MonthCloseAnswer>> {
    const handled = await this.commands.execute(new CloseMonthCommand(ctx, s, y, dto));
    return { sozialraumId: s, fiscalYear: y, month: dto.month, version: handled.version, events: monthCloseEvents(handled.events) };
  }

  @Post(':sozialraumId/:fiscalYear/year-close')
  @HttpCode(200)
  @Operation({
    summary: 'Das Haushaltsjahr abschließen',
    description:
      'Schließt das Budget des Haushaltsjahres (BudgetClosed): danach nimmt es keine Buchungen mehr an. Abgelehnt, solange Arbeit des Jahres wartet (siehe GET …/pending-work); unbefristete Bewilligungen gehen als Bindungen in das Folgejahr über. If-Match nennt die Fassung des Budgetstroms (ETag von GET …/pending-work oder GET /budgets/{sozialraumId}/{fiscalYear}).',
    answer: { status: 200, schema: YearCloseAnswer },
    refusals: [SHARED_PROBLEMS['budget-not-found'], SHARED_PROBLEMS['fiscal-year-closed'], P['year-has-pending-work']],
  })
  async closeYear(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: YearCloseDto,
  ): Promise<Static<typeof YearCloseAnswer>> {
    const handled = await this.commands.execute(new CloseYearCommand(ctx, s, y, dto));
    return { sozialraumId: s, fiscalYear: y, version: handled.version, status: handled.state.status };
  }

  @Post(':sozialraumId/:fiscalYear/settlement')
  @Operation({
    summary: 'Die Jahresabrechnung berechnen',
    description:
      'Berechnet nach dem Jahresabschluss die Jahresabrechnung (R10) aus B, flexiblem Budget (FÜ + FU) und Ist I mit jedem Zwischenwert: D, Korridor K, Überschreitung E oder Einsparung S, Anteil, Deckel und Ergebnis (SettlementCalculated), einmal je Jahr. Gilt für das Sozialraum-Jahr eine Zielvereinbarung (R12), wird mit denselben Zahlen die Bewertung der Leistungen berechnet (evaluation: Zielerreichung je Indikator, Punktzahl, Prämie und ihre Anwendung). Wirksam wird beides erst nach der Bestätigung durch das Jugendamt und den federführenden Träger.',
    answer: { status: 201, schema: SettlementAnswer, location: '/steering/{sozialraumId}/{fiscalYear}/settlement' },
    refusals: [P['year-not-closed'], P['settlement-exists']],
  })
  async calculate(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: BusinessDateDto,
  ) {
    return settlementAnswer(await this.commands.execute(new CalculateSettlementCommand(ctx, s, y, dto)));
  }

  @Post(':sozialraumId/:fiscalYear/settlement/confirmations')
  @HttpCode(200)
  @Operation({
    summary: 'Die Jahresabrechnung bestätigen',
    description:
      'Bucht die Bestätigung der Jahresabrechnung (R10) durch das Jugendamt (Controlling) oder den federführenden Träger (SettlementConfirmed); die zweite muss von der anderen Organisation kommen. Nach beiden wird sie auf das fallunspezifische Budget des Folgejahres angewendet (SavingsCarriedForward oder MalusApplied, mit einer Bewertung nach R12 auch PerformanceBonusApplied; dann SettlementApplied), sobald dessen Budget besteht. If-Match nennt die Fassung des Steuerungsstroms.',
    answer: { status: 200, schema: SettlementAnswer },
    refusals: [
      P['settlement-not-found'],
      P['already-confirmed'],
      P['confirmation-by-other-organisation-required'],
      SHARED_PROBLEMS['not-lead-provider'],
      SHARED_PROBLEMS['fiscal-year-closed'],
    ],
  })
  async confirm(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: BusinessDateDto,
  ) {
    return settlementAnswer(await this.commands.execute(new ConfirmSettlementCommand(ctx, s, y, dto)));
  }

  @Post(':sozialraumId/:fiscalYear/settlement/application')
  @HttpCode(200)
  @Operation({
    summary: 'Die bestätigte Jahresabrechnung auf das Folgejahr anwenden',
    description:
      'Wendet die von beiden Seiten bestätigte Jahresabrechnung (R10) auf das fallunspezifische Budget des Folgejahres an, wenn dessen Budget erst nach den Bestätigungen zugewiesen wurde: Übertrag (SavingsCarriedForward) oder Malus (MalusApplied), die Prämie einer Bewertung nach R12 (PerformanceBonusApplied), dann SettlementApplied. If-Match nennt die Fassung des Steuerungsstroms.',
    answer: { status: 200, schema: SettlementAnswer },
    refusals: [
      P['settlement-not-found'],
      P['settlement-not-confirmed'],
      P['settlement-applied'],
      P['next-year-budget-missing'],
      SHARED_PROBLEMS['fiscal-year-closed'],
    ],
  })
  async apply(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number, @Body() dto: BusinessDateDto) {
    return settlementAnswer(await this.commands.execute(new ApplySettlementCommand(ctx, s, y, dto)));
  }

  @Post(':sozialraumId/:fiscalYear/procedure/meetings')
  @Operation({
    summary: 'Die Steuerungsrunde des Überschreitungsverfahrens buchen',
    description:
      'Bucht die Steuerungsrunde (R7) mit Datum, Teilnehmenden je Organisation und vereinbarten Maßnahmen (SteeringMeetingHeld). Sie halten das Jugendamt und der am Tag der Runde federführende Träger des Trägerverbunds ab; weitere Organisationen (Mitglieder, Kämmerei) können teilnehmen. Fällig ist sie 14 Tage nach Eröffnung des Verfahrens.',
    answer: { status: 201, schema: ProcedureAnswer, location: '/steering/{sozialraumId}/{fiscalYear}' },
    refusals: [...OPEN_PROCEDURE, P['meeting-before-procedure'], P['meeting-needs-both-parties'], ...FREE_TEXT],
  })
  async meeting(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: SteeringMeetingDto,
  ) {
    return procedureAnswer(await this.commands.execute(new HoldSteeringMeetingCommand(ctx, s, y, dto)));
  }

  @Post(':sozialraumId/:fiscalYear/procedure/supplementary-requests')
  @Operation({
    summary: 'Über- oder außerplanmäßige Aufwendungen beantragen',
    description:
      'Bucht einen Antrag auf über- oder außerplanmäßige Aufwendungen (R9) mit Betrag, Begründung (unvorhergesehen, unabweisbar) und Deckungsquelle (SupplementaryExpenditureRequested). Das zuständige Organ folgt aus den Wertgrenzen des am Tag des Antrags geltenden Vertrags. Die Antwort nennt den angelegten Antrag (requestId).',
    answer: { status: 201, schema: SupplementaryRequestAnswer, location: '/steering/{sozialraumId}/{fiscalYear}' },
    refusals: [...OPEN_PROCEDURE, ...FREE_TEXT],
  })
  async request(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: SupplementaryRequestDto,
  ): Promise<Static<typeof SupplementaryRequestAnswer>> {
    const answer = procedureAnswer(await this.commands.execute(new RequestSupplementaryExpenditureCommand(ctx, s, y, dto)));
    // The state right after the append: the request just made is the last one.
    const { requests } = answer.procedure;
    return { requestId: requests[requests.length - 1].requestId, ...answer };
  }

  @Post(':sozialraumId/:fiscalYear/procedure/supplementary-requests/:requestId/decision')
  @HttpCode(200)
  @Operation({
    summary: 'Die Entscheidung über einen Antrag buchen',
    description:
      'Bucht die Entscheidung über einen Antrag auf über- oder außerplanmäßige Aufwendungen (R9): genehmigt oder abgelehnt, mit Beschlusszeichen (SupplementaryExpenditureDecided). Entscheiden kann nur das Organ, das die Wertgrenzen für den Betrag nennen; die Entscheidung eines anderen wird abgelehnt.',
    answer: { status: 200, schema: ProcedureAnswer },
    refusals: [...OPEN_PROCEDURE, P['request-not-found'], P['request-decided'], P['wrong-deciding-body'], ...FREE_TEXT],
  })
  async decide(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Param('requestId', requestParam) requestId: string,
    @Body() dto: SupplementaryDecisionDto,
  ) {
    return procedureAnswer(await this.commands.execute(new DecideSupplementaryExpenditureCommand(ctx, s, y, requestId, dto)));
  }

  @Get(':sozialraumId/:fiscalYear/procedure/kaemmerei-report')
  @Operation({
    summary: 'Den Bericht an die Kämmerei lesen',
    description:
      'Der Bericht des Überschreitungsverfahrens an die Kämmerei (R7) aus den aktuellen Zahlen: B, Hochrechnung und ihr Anteil an B, Überschreitung über B, Ist, Schwellenüberschreitungen mit Datum, Steuerungsrunden mit Maßnahmen, Anträge mit Entscheidungen (R9), ob ein Antrag fällig ist, und die früheren Sendungen. asOf, knownAt und knownAtPosition zeigen einen früheren Stand; version (ETag) ist die Fassung des Steuerungsstroms.',
    answer: { status: 200, schema: KaemmereiReport },
    refusals: [SHARED_PROBLEMS['budget-not-found'], P['no-overrun-procedure']],
  })
  async kaemmereiReport(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ) {
    await this.assertBudget(ctx, s, y);
    return this.queries.kaemmereiReport(ctx.tenantId, s, y, toBookView(q));
  }

  @Post(':sozialraumId/:fiscalYear/procedure/kaemmerei-report')
  @Operation({
    summary: 'Die Sendung des Berichts an die Kämmerei buchen',
    description:
      'Bucht, dass der Bericht (R7) an die Kämmerei ging, mit Zeichen und Datum (KaemmereiReported); die Zahlen werden so festgehalten, wie sie gesendet wurden (aus dem Ereignisprotokoll bis zu seinem Ende). Der Bericht kann später mit aktualisierten Zahlen erneut gesendet werden.',
    answer: { status: 201, schema: ProcedureAnswer, location: '/steering/{sozialraumId}/{fiscalYear}/procedure/kaemmerei-report' },
    refusals: [SHARED_PROBLEMS['budget-not-found'], ...OPEN_PROCEDURE, P['report-before-procedure']],
  })
  async reportToKaemmerei(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: KaemmereiReportDto,
  ) {
    return procedureAnswer(await this.commands.execute(new ReportToKaemmereiCommand(ctx, s, y, dto)));
  }

  @Post(':sozialraumId/:fiscalYear/procedure/closing')
  @HttpCode(200)
  @Operation({
    summary: 'Das Überschreitungsverfahren abschließen',
    description:
      'Schließt das Überschreitungsverfahren mit seinem Ergebnis ab (OverrunProcedureClosed). Abgelehnt, solange keine Steuerungsrunde stattgefunden hat oder ein Antrag auf über- oder außerplanmäßige Aufwendungen (R9) nicht entschieden ist.',
    answer: { status: 200, schema: ProcedureAnswer },
    refusals: [...OPEN_PROCEDURE, P['meeting-missing'], P['requests-undecided'], ...FREE_TEXT],
  })
  async closeProcedure(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: CloseProcedureDto,
  ) {
    return procedureAnswer(await this.commands.execute(new CloseProcedureCommand(ctx, s, y, dto)));
  }

  /** The settlement as GET …/settlement answers it, with the same refusals: the JSON view and its files. */
  private async settlementView(ctx: CommandContext, s: string, y: number, q: BookViewQuery): Promise<Static<typeof SettlementView>> {
    await this.assertBudget(ctx, s, y);
    await this.assertSettlementVisible(ctx, s, y);
    const view = toBookView(q);
    const { state, version } = await this.queries.steeringState(ctx.tenantId, s, y, view);
    const book = await this.queries.book(ctx.tenantId, s, y, view);
    const { terms } = await this.budgets.contractOn(ctx.tenantId, s, `${y}-12-31`);
    const preview = calculateSettlement(book.budgetTotal, book.planned.FUE.plus(book.planned.FU), book.totals().actual, terms);
    // version (and ETag): the steering stream, which a confirmation's If-Match names.
    return { sozialraumId: s, fiscalYear: y, version, recorded: state.settlement, preview };
  }

  /** The forecast timeline of the view as a table, its crossings marked with the contract's thresholds. */
  private async timelineExport(ctx: CommandContext, s: string, y: number, q: BookViewQuery) {
    await this.assertBudget(ctx, s, y);
    const timeline = await this.queries.timeline(ctx.tenantId, s, y, toBookView(q));
    return timelineTable(timeline, await this.queries.termsOn(ctx.tenantId, s));
  }

  private async assertBudget(ctx: CommandContext, sozialraumId: string, fiscalYear: number): Promise<void> {
    if ((await this.budgets.budgetStatus(ctx.tenantId, sozialraumId, fiscalYear)) === 'none') {
      throw new NotFound(SHARED_PROBLEMS['budget-not-found'], noBudget(sozialraumId, fiscalYear));
    }
  }

  /** The lead provider sees the settlement it has to confirm; other providers see nothing. */
  private async assertSettlementVisible(ctx: CommandContext, sozialraumId: string, fiscalYear: number): Promise<void> {
    if (ctx.actor.role !== 'provider') return;
    const lead = await this.directory.leadProviderOn(ctx.tenantId, sozialraumId, `${fiscalYear}-12-31`);
    if (lead !== ctx.providerId) throw new NotFound(SHARED_PROBLEMS['budget-not-found'], noBudget(sozialraumId, fiscalYear));
  }
}

/** The steering stream after a settlement command: the settlement is there once it has been calculated. */
function settlementAnswer(handled: SteeringHandled): Static<typeof SettlementAnswer> {
  const { settlement } = handled.state;
  if (!settlement) throw new Error('a settlement command answered without a settlement');
  return { version: handled.version, settlement };
}

/** The steering stream after a command on the overrun procedure: the procedure is there once it has been opened. */
function procedureAnswer(handled: SteeringHandled): Static<typeof ProcedureAnswer> {
  const { procedure } = handled.state;
  if (!procedure) throw new Error('a procedure command answered without a procedure');
  return { version: handled.version, procedure };
}

/** The events a month close booked, each with its business date (the month's last day). */
function monthCloseEvents(events: SteeringEvent[]): Static<typeof MonthCloseAnswer>['events'] {
  const booked: Static<typeof MonthCloseAnswer>['events'] = [];
  for (const e of events) {
    if (e.type === 'MonthClosed') booked.push({ type: e.type, data: e.data, businessDate: e.businessDate ?? '' });
    if (e.type === 'UnderrunDetected') booked.push({ type: e.type, data: e.data, businessDate: e.businessDate ?? '' });
  }
  return booked;
}
