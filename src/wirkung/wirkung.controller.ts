import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiReply } from '../../libs/auth/api-request';
import { AUTH_PROBLEMS } from '../../libs/auth/auth-problems';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { DomainError, NotFound } from '../../libs/ddd/domain-error';
import { XLSX_MEDIA_TYPE, csvDownload, xlsxDownload } from '../../libs/export';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { FiscalYearPipe, PatternPipe } from '../../libs/http/param-pipes';
import { IsIsoDate, IsOptional } from '../../libs/http/validators';
import { text } from '../../libs/text/text';
import { MasterDataQueries } from '../master-data';
import { CODE_PATTERN, CODE_TEXT } from '../shared/identifiers';
import { SHARED_PROBLEMS } from '../shared/shared-problems';
import { BookViewQuery, CsvQuery, steeringParameters, toBookView } from '../steering';
import { jhaReportTable } from './jha-report-table';
import { WirkungCommands } from './wirkung-commands';
import { WirkungViews } from './wirkung-views';
import { AnswerTargetAgreementDto, DefineIndicatorDto, ImportStatisticsDto, ProposeTargetAgreementDto, ReportValueDto } from './wirkung.dtos';
import { WIRKUNG_PROBLEMS as W } from './wirkung.problems';
import {
  IndicatorCatalogue,
  IndicatorReports,
  JhaReport,
  StatisticsFacts,
  TargetAgreements,
  WirkungComparison,
  WirkungEvaluation,
  WirkungMonitoring,
} from './wirkung.schemas';
import { Matches } from 'class-validator';
import { localised } from '../../libs/http/validation-messages';
import { todayInBerlin } from '../../libs/calendar';

const sr = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_TEXT);
const agreementParam = new PatternPipe(
  'targetAgreementId',
  /^ZV-[A-Z0-9-]{1,40}-\d{4}-\d{1,4}$/,
  text('muss eine Zielvereinbarung wie ZV-HRO-TW-2025-1 nennen.', 'must name a target agreement such as ZV-HRO-TW-2025-1.'),
);
const indicatorParam = new PatternPipe(
  'indicatorKey',
  /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
  text('muss ein Indikatorschlüssel wie ambulant-anteil sein.', 'must be an indicator key such as ambulant-anteil.'),
);

class CatalogueQuery {
  @ApiPropertyOptional({ description: 'Der Katalog, der an diesem Tag gilt (Vorgabe: heute)', example: '2025-06-30' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

class FactsQuery {
  @ApiPropertyOptional({ example: 'HRO-TW', description: 'Nur die Daten dieses Sozialraums' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: localised('muss eine Kennung wie HRO-TW sein.', 'must be an id such as HRO-TW.') })
  sozialraumId?: string;
}

const ANSWERS = { agreement: 'agree', rejection: 'reject', withdrawal: 'withdraw' } as const;

@ApiTags('Wirkung')
@ApiBearerAuth()
@Controller()
export class WirkungController {
  constructor(
    private readonly commands: WirkungCommands,
    private readonly views: WirkungViews,
    private readonly masterData: MasterDataQueries,
  ) {}

  @Get('indicators')
  @Operation({
    summary: 'Indikatorenkatalog lesen',
    description:
      'Der Katalog der Wirksamkeitsindikatoren (R12), der zum Stichtag asOf gilt: die berechneten Indikatoren (planmaessig-beendet, ambulant-anteil, praeventionsanteil, hze-dichte, kosten-je-jm, dauer-beendeter-hilfen) mit ihrer Berechnung in Worten, und die eigenen, gemeldeten Indikatoren des Mandanten mit jeder Fassung.',
    answer: { status: 200, schema: IndicatorCatalogue },
  })
  catalogue(@Ctx() ctx: CommandContext, @Query() q: CatalogueQuery) {
    return this.views.catalogue(ctx.tenantId, q.asOf ?? todayInBerlin());
  }

  @Post('indicators')
  @Operation({
    summary: 'Eigenen Indikator in den Katalog aufnehmen',
    description:
      'Nimmt einen gemeldeten Indikator des Mandanten ab effectiveFrom auf (IndicatorDefined): Name, Definition, Einheit, Richtung, Aggregation der Zeiträume (Summe, Mittel, letzter Wert), wer meldet, und ob er prämiert werden darf (R8). Eine neue Fassung mit späterem Datum ändert ihn ab diesem Tag. Die berechneten Indikatoren sind fest.',
    answer: { status: 201, schema: IndicatorCatalogue, location: '/indicators' },
    refusals: [W['indicator-exists']],
  })
  async define(@Ctx() ctx: CommandContext, @Body() dto: DefineIndicatorDto) {
    const result = await this.commands.defineIndicator(ctx, dto);
    return { ...(await this.views.catalogue(ctx.tenantId, dto.effectiveFrom)), version: result.version };
  }

  @Post('statistics/imports')
  @Operation({
    summary: 'Sozialraumdaten des Statistikamts einlesen (CSV)',
    description:
      'Liest die Datei des Statistikamts ein: je Zeile ein Sozialraum und Stichtag mit Einwohnern, Einwohnern unter 21 Jahren und weiteren Kennzahlen (etwa SGB-II-Quote); Trennzeichen „;“, deutsche Spaltenköpfe, Dezimalkomma. Jede Zeile wird geprüft; ein Fehler nennt Zeile und Spalte (rowErrors[].line, rowErrors[].column; errors[].field in Worten), und dann wird nichts übernommen. Sonst wird jede Zeile ein datiertes Ereignis (SozialraumFactsRecorded, Geschäftsdatum = Stichtag), alle in einem Schritt. Aus diesen Daten kommen die Nenner der Indikatoren.',
    answer: { status: 201, schema: StatisticsFacts, location: '/statistics/facts' },
    refusals: [W['statistics-invalid']],
  })
  async importStatistics(@Ctx() ctx: CommandContext, @Body() dto: ImportStatisticsDto) {
    const result = await this.commands.importStatistics(ctx, dto);
    return { ...(await this.views.statistics(ctx.tenantId)), importId: result.events[0]?.data.importId };
  }

  @Get('statistics/facts')
  @Operation({
    summary: 'Sozialraumdaten des Statistikamts lesen',
    description:
      'Jede eingelesene Zeile mit Stichtag, Einwohnern, Einwohnern unter 21 und Kennzahlen, in der Reihenfolge des Einlesens; eine spätere Zeile für denselben Sozialraum und Stichtag berichtigt die frühere.',
    answer: { status: 200, schema: StatisticsFacts },
  })
  statistics(@Ctx() ctx: CommandContext, @Query() q: FactsQuery) {
    return this.views.statistics(ctx.tenantId, q.sozialraumId);
  }

  @Get('wirkung/:sozialraumId/:fiscalYear')
  @Operation({
    summary: 'Wirkung eines Sozialraum-Jahres: Indikatoren mit Verlauf und Ziellinie',
    description:
      'Jeder Indikator des Katalogs für das Sozialraum-Jahr (R12): Jahreswert (exakt und gerundet, mit Zähler, Nenner und Fallzahl), Verlauf je Quartal seit Jahresbeginn und die Ziellinie der geltenden Zielvereinbarung. Mit asOf der Stand an einem Geschäftsdatum, mit knownAt oder knownAtPosition, was damals bekannt war. Träger sehen die Sozialräume ihres Trägerverbunds.',
    answer: { status: 200, schema: WirkungMonitoring },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found'], W['not-in-traegerverbund']],
  })
  async monitoring(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ) {
    await this.assertVisible(ctx, s);
    return this.views.monitoring(ctx.tenantId, s, y, toBookView(q));
  }

  @Get('indicators/:indicatorKey/comparison/:fiscalYear')
  @Operation({
    summary: 'Einen Indikator für alle Sozialräume vergleichen',
    description:
      'Der Jahreswert eines Indikators für jeden Sozialraum des Mandanten mit der Ziellinie, wo eine Zielvereinbarung ihn gewichtet (Gesamtsteuerung), nach sozialraumId; auch mit asOf, knownAt, knownAtPosition.',
    answer: { status: 200, schema: WirkungComparison },
    refusals: [W['unknown-indicator']],
  })
  async comparison(
    @Ctx() ctx: CommandContext,
    @Param('indicatorKey', indicatorParam) key: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ) {
    const result = await this.views.comparison(ctx.tenantId, key, y, toBookView(q));
    if (!result)
      throw new DomainError(W['unknown-indicator'], text(`Den Indikator „${key}“ kennt der Katalog nicht.`, `The catalogue has no indicator "${key}".`), {
        indicatorKey: key,
      });
    return result;
  }

  @Post('wirkung/:sozialraumId/:fiscalYear/reports')
  @Operation({
    summary: 'Indikatorwert melden oder berichtigen',
    description:
      'Meldet den Wert eines gemeldeten Indikators für ein Quartal oder einen Monat mit einer Notiz ohne personenbezogene Angaben (IndicatorValueReported). Eine Berichtigung ist eine neue Meldung, die die ersetzte nennt (corrects) und begründet (reason). Ein Träger meldet nur für Sozialräume seines Trägerverbunds; für ein abgeschlossenes Haushaltsjahr wird nichts mehr gemeldet.',
    answer: { status: 201, schema: IndicatorReports, location: '/wirkung/{sozialraumId}/{fiscalYear}/reports' },
    refusals: [
      SHARED_PROBLEMS['sozialraum-not-found'],
      SHARED_PROBLEMS['fiscal-year-closed'],
      W['unknown-indicator'],
      W['indicator-not-reported'],
      W['period-outside-year'],
      W['reporter-not-allowed'],
      W['not-in-traegerverbund'],
      W['value-already-reported'],
      W['report-not-found'],
    ],
  })
  async report(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number, @Body() dto: ReportValueDto) {
    const result = await this.commands.reportValue(ctx, s, y, dto);
    return { ...(await this.views.reports(ctx.tenantId, s, y, {})), reportId: result.events[0].data.reportId };
  }

  @Get('wirkung/:sozialraumId/:fiscalYear/reports')
  @Operation({
    summary: 'Gemeldete Indikatorwerte lesen',
    description:
      'Jede Meldung des Sozialraum-Jahres mit Berichtigungen; current nennt die geltende je Indikator und Zeitraum. Auch mit asOf, knownAt, knownAtPosition.',
    answer: { status: 200, schema: IndicatorReports },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found'], W['not-in-traegerverbund']],
  })
  async reports(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number, @Query() q: BookViewQuery) {
    await this.assertVisible(ctx, s);
    return this.views.reports(ctx.tenantId, s, y, toBookView(q));
  }

  @Post('wirkung/:sozialraumId/:fiscalYear/target-agreements')
  @Operation({
    summary: 'Zielvereinbarung vorschlagen',
    description:
      'Das Jugendamt oder der federführende Träger schlägt die Zielvereinbarung des Sozialraum-Jahres vor (TargetAgreementProposed): je Indikator Ausgangswert, Zielwert und Gewicht, dazu die Prämienregel (Topf als Betrag oder % des flexiblen Budgets, Mindestpunktzahl, Vorgabe 50 %). Sie gilt, wenn die andere Seite zustimmt. Ein Indikator, dessen Verbesserung weniger oder billigere Rechtsansprüche hieße (hze-dichte, kosten-je-jm und so gekennzeichnete), wird abgelehnt (indicator-not-incentivisable, R8).',
    answer: { status: 201, schema: TargetAgreements, location: '/wirkung/{sozialraumId}/{fiscalYear}/target-agreements' },
    refusals: [
      SHARED_PROBLEMS['sozialraum-not-found'],
      SHARED_PROBLEMS['not-lead-provider'],
      AUTH_PROBLEMS.forbidden,
      SHARED_PROBLEMS['fiscal-year-closed'],
      W['unknown-indicator'],
      W['indicator-listed-twice'],
      W['indicator-not-incentivisable'],
      W['baseline-equals-target'],
      W['target-not-an-improvement'],
      W['proposal-open'],
    ],
  })
  async propose(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Body() dto: ProposeTargetAgreementDto,
  ) {
    const result = await this.commands.proposeAgreement(ctx, s, y, dto);
    return { ...(await this.views.agreements(ctx.tenantId, s, y)), agreementId: result.events[0].data.agreementId };
  }

  @Get('wirkung/:sozialraumId/:fiscalYear/target-agreements')
  @Operation({
    summary: 'Zielvereinbarung lesen',
    description:
      'Jede Fassung der Zielvereinbarung des Sozialraum-Jahres mit ihrem Stand und die geltende; mit asOf der Stand an einem Geschäftsdatum, mit knownAt oder knownAtPosition, was damals bekannt war. version ist immer die heutige Fassung des Datenstroms (für If-Match).',
    answer: { status: 200, schema: TargetAgreements },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found'], W['not-in-traegerverbund']],
  })
  async agreements(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
  ) {
    await this.assertVisible(ctx, s);
    return this.views.agreements(ctx.tenantId, s, y, toBookView(q));
  }

  @Post('wirkung/:sozialraumId/:fiscalYear/target-agreements/:targetAgreementId/agreement')
  @HttpCode(200)
  @Operation({
    summary: 'Einer Zielvereinbarung zustimmen',
    description: 'Die andere Seite stimmt dem offenen Vorschlag zu (TargetAgreementAgreed); er gilt ab dann und ersetzt eine früher geltende Fassung.',
    answer: { status: 200, schema: TargetAgreements },
    refusals: [
      SHARED_PROBLEMS['sozialraum-not-found'],
      SHARED_PROBLEMS['not-lead-provider'],
      AUTH_PROBLEMS.forbidden,
      SHARED_PROBLEMS['fiscal-year-closed'],
      W['agreement-not-found'],
      W['agreement-not-open'],
      W['agreement-by-other-party-required'],
    ],
  })
  agree(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Param('targetAgreementId', agreementParam) id: string,
    @Body() dto: AnswerTargetAgreementDto,
  ) {
    return this.answer(ctx, s, y, id, 'agreement', dto);
  }

  @Post('wirkung/:sozialraumId/:fiscalYear/target-agreements/:targetAgreementId/rejection')
  @HttpCode(200)
  @Operation({
    summary: 'Eine vorgeschlagene Zielvereinbarung ablehnen',
    description: 'Die andere Seite lehnt den offenen Vorschlag ab (TargetAgreementRejected); eine geltende Fassung bleibt in Kraft.',
    answer: { status: 200, schema: TargetAgreements },
    refusals: [
      SHARED_PROBLEMS['sozialraum-not-found'],
      SHARED_PROBLEMS['not-lead-provider'],
      AUTH_PROBLEMS.forbidden,
      SHARED_PROBLEMS['fiscal-year-closed'],
      W['agreement-not-found'],
      W['agreement-not-open'],
      W['agreement-by-other-party-required'],
    ],
  })
  reject(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Param('targetAgreementId', agreementParam) id: string,
    @Body() dto: AnswerTargetAgreementDto,
  ) {
    return this.answer(ctx, s, y, id, 'rejection', dto);
  }

  @Post('wirkung/:sozialraumId/:fiscalYear/target-agreements/:targetAgreementId/withdrawal')
  @HttpCode(200)
  @Operation({
    summary: 'Einen eigenen Vorschlag zurückziehen',
    description: 'Die vorschlagende Seite zieht den offenen Vorschlag zurück (TargetAgreementWithdrawn).',
    answer: { status: 200, schema: TargetAgreements },
    refusals: [
      SHARED_PROBLEMS['sozialraum-not-found'],
      SHARED_PROBLEMS['not-lead-provider'],
      AUTH_PROBLEMS.forbidden,
      SHARED_PROBLEMS['fiscal-year-closed'],
      W['agreement-not-found'],
      W['agreement-not-open'],
      W['withdrawal-by-proposer-only'],
    ],
  })
  withdraw(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Param('targetAgreementId', agreementParam) id: string,
    @Body() dto: AnswerTargetAgreementDto,
  ) {
    return this.answer(ctx, s, y, id, 'withdrawal', dto);
  }

  @Get('wirkung/:sozialraumId/:fiscalYear/evaluation')
  @Operation({
    summary: 'Bewertung der Leistungen lesen',
    description:
      'Die Bewertung (R12) wie mit der Jahresabrechnung berechnet, mit ihren Bestätigungen und ob sie angewendet ist, und eine Vorschau aus den heutigen Zahlen unter der geltenden Zielvereinbarung: Zielerreichung je Indikator = (Ist − Ausgangswert) / (Ziel − Ausgangswert), auf 0…100 % begrenzt; Punktzahl = gewichtetes Mittel; Prämie = Topf × Punktzahl ab der Mindestpunktzahl, kaufmännisch auf den Cent. Exakte Werte, ohne Regel kleiner Fallzahlen (nur zwischen den beiden Seiten).',
    answer: { status: 200, schema: WirkungEvaluation },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found'], W['not-in-traegerverbund']],
  })
  async evaluation(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number) {
    await this.assertVisible(ctx, s);
    return this.views.evaluation(ctx.tenantId, s, y);
  }

  @Get('wirkung/:sozialraumId/:fiscalYear/report')
  @Operation({
    summary: 'Sozialraumbericht für den Jugendhilfeausschuss',
    description:
      'Budgetzahlen, Indikatoren, Ziele und Bewertung des Sozialraum-Jahres für den Jugendhilfeausschuss, mit der Regel kleiner Fallzahlen (R12): Fallzahlen von 1 bis 4 als „< 5“, Quoten mit weniger als 5 Fällen nicht ausgewiesen. Auch mit asOf, knownAt, knownAtPosition.',
    answer: { status: 200, schema: JhaReport },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found'], W['not-in-traegerverbund']],
  })
  async jhaReport(@Ctx() ctx: CommandContext, @Param('sozialraumId', sr) s: string, @Param('fiscalYear', FiscalYearPipe) y: number, @Query() q: BookViewQuery) {
    await this.assertVisible(ctx, s);
    return this.views.jhaReport(ctx.tenantId, s, y, toBookView(q));
  }

  @Get('wirkung/:sozialraumId/:fiscalYear/report/csv')
  @Operation({
    summary: 'Sozialraumbericht für den Jugendhilfeausschuss als CSV-Datei',
    description: 'Der Bericht wie GET …/report als CSV: UTF-8 mit BOM, deutsche Spaltenköpfe, Vorgabe Dezimalkomma und Semikolon (für Excel).',
    answer: { status: 200, mediaType: 'text/csv', description: 'Sozialraumbericht als CSV-Datei (jha-bericht-<Sozialraum>-<Jahr>.csv)' },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found'], W['not-in-traegerverbund']],
  })
  async jhaReportCsv(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: CsvQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    await this.assertVisible(ctx, s);
    const report = await this.views.jhaReport(ctx.tenantId, s, y, toBookView(q));
    const decimalComma = q.decimalComma !== 'false';
    return csvDownload(reply, `jha-bericht-${s}-${y}.csv`, jhaReportTable(report, decimalComma), decimalComma);
  }

  @Get('wirkung/:sozialraumId/:fiscalYear/report/xlsx')
  @Operation({
    summary: 'Sozialraumbericht für den Jugendhilfeausschuss als Excel-Datei (XLSX)',
    description:
      'Der Bericht wie GET …/report als Arbeitsmappe mit fixierter Kopfzeile; Werte als Text mit Dezimalkomma, da ein nicht ausgewiesener Wert einen Hinweis statt einer Zahl zeigt. Das Blatt „Parameter“ nennt Sozialraum, Haushaltsjahr, Stand am, Wissensstand und den Zeitpunkt der Erstellung.',
    answer: { status: 200, mediaType: XLSX_MEDIA_TYPE, description: 'Sozialraumbericht als Excel-Datei (jha-bericht-<Sozialraum>-<Jahr>.xlsx)' },
    refusals: [SHARED_PROBLEMS['sozialraum-not-found'], W['not-in-traegerverbund']],
  })
  async jhaReportXlsx(
    @Ctx() ctx: CommandContext,
    @Param('sozialraumId', sr) s: string,
    @Param('fiscalYear', FiscalYearPipe) y: number,
    @Query() q: BookViewQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    await this.assertVisible(ctx, s);
    const report = await this.views.jhaReport(ctx.tenantId, s, y, toBookView(q));
    return xlsxDownload(reply, `jha-bericht-${s}-${y}.xlsx`, {
      sheetName: 'Jugendhilfeausschuss',
      table: jhaReportTable(report, true),
      parameters: steeringParameters('Sozialraumbericht für den Jugendhilfeausschuss', s, y, q),
      createdAt: new Date(),
    });
  }

  private async answer(ctx: CommandContext, s: string, y: number, id: string, kind: keyof typeof ANSWERS, dto: AnswerTargetAgreementDto) {
    await this.commands.answerAgreement(ctx, s, y, id, ANSWERS[kind], dto);
    return { ...(await this.views.agreements(ctx.tenantId, s, y)), agreementId: id };
  }

  /** The Sozialraum exists; a provider sees it only while in its Trägerverbund (lead or member). */
  private async assertVisible(ctx: CommandContext, sozialraumId: string): Promise<void> {
    if (!(await this.masterData.sozialraumExists(ctx.tenantId, sozialraumId)))
      throw new NotFound(
        SHARED_PROBLEMS['sozialraum-not-found'],
        text(`Der Sozialraum ${sozialraumId} ist nicht registriert.`, `Sozialraum ${sozialraumId} is not registered.`),
      );
    if (ctx.actor.role !== 'provider') return;
    const verbund = await this.masterData.traegerverbundOn(ctx.tenantId, sozialraumId, todayInBerlin());
    if (!verbund || !ctx.providerId || (verbund.leadProviderId !== ctx.providerId && !verbund.memberIds.includes(ctx.providerId)))
      throw new DomainError(
        W['not-in-traegerverbund'],
        text(`${ctx.providerId ?? 'Der Träger'} gehört nicht zum Trägerverbund von ${sozialraumId}.`, `Not in the Trägerverbund of ${sozialraumId}.`),
      );
  }
}
