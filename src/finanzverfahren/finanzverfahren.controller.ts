import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ApiReply } from '../../libs/auth/api-request';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { csvDownload } from '../../libs/export';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { PatternPipe } from '../../libs/http/param-pipes';
import { IsOptional } from '../../libs/http/validators';
import { text } from '../../libs/text/text';
import { batchTable } from './batch-table';
import { ConfigureFinanzverfahrenDto, ExportBatchDto, ImportFeedbackDto } from './finanzverfahren.dtos';
import { FINANZVERFAHREN_PROBLEMS as F } from './finanzverfahren.problems';
import { FeedbackImport, FinanzverfahrenConfiguration, PaymentBatch, PaymentBatchList, PaymentReconciliation } from './finanzverfahren.schemas';
import { FinanzverfahrenService } from './finanzverfahren.service';

const batchParam = new PatternPipe(
  'batchId',
  /^ZB-\d{4}-\d{4}$/,
  text('muss eine Anordnungsdatei wie ZB-2025-0001 nennen.', 'must name a batch such as ZB-2025-0001.'),
);

class BatchCsvQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Dezimalkomma und Semikolon (Vorgabe, für Excel und die meisten Finanzverfahren); false: Dezimalpunkt und Komma',
    default: 'true',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  decimalComma?: string;
}

@ApiTags('Finanzverfahren')
@ApiBearerAuth()
@Controller('finanzverfahren')
export class FinanzverfahrenController {
  constructor(private readonly service: FinanzverfahrenService) {}

  @Post('configuration')
  @Operation({
    summary: 'Zuordnung zum Finanzverfahren buchen',
    description:
      'Bucht ab effectiveFrom die Zuordnung der Anordnungen zum kommunalen Finanzverfahren (FinanceConfigurationSet): Produkt (363), Sachkonto je Kategorie und, genauer, je Rechtsgrundlage, und die Kreditorennummern der Träger. Jede Kategorie braucht ein Sachkonto ohne Rechtsgrundlage. Eine Anordnung nimmt die Fassung, die an ihrem Tag gilt.',
    answer: { status: 201, schema: FinanzverfahrenConfiguration, location: '/finanzverfahren/configuration' },
    refusals: [F['configuration-incomplete']],
  })
  configure(@Ctx() ctx: CommandContext, @Body() dto: ConfigureFinanzverfahrenDto) {
    return this.service.configure(ctx, dto);
  }

  @Get('configuration')
  @Operation({
    summary: 'Zuordnung zum Finanzverfahren lesen',
    description: 'Jede Fassung der Zuordnung: Produkt, Sachkonten, Kreditorennummern.',
    answer: { status: 200, schema: FinanzverfahrenConfiguration },
  })
  configuration(@Ctx() ctx: CommandContext) {
    return this.service.configuration(ctx.tenantId);
  }

  @Post('batches')
  @Operation({
    summary: 'Anordnungsdatei für das Finanzverfahren erzeugen',
    description:
      'Nimmt jede angeordnete Zahlung (Rechnungen, Absetzungen nach Storno, Raten von Zuwendungen), die noch in keiner Anordnungsdatei steht, in eine neue auf (PaymentBatchExported) und vergibt ihre Anordnungsnummern (AO-<Jahr>-<laufende Nummer>), die das Finanzverfahren in seiner Rückmeldung nennt. Jede Anordnung steht in genau einer Datei, einzeln, mit Bezug auf Fall oder Zuwendung: nie ein Sammelbetrag. Fehlt einer Anordnung die Zuordnung oder einem Träger die Kreditorennummer, wird nichts ausgegeben.',
    answer: { status: 201, schema: PaymentBatch, location: '/finanzverfahren/batches/{batchId}' },
    refusals: [F['nothing-to-export'], F['configuration-missing'], F['creditor-number-missing']],
  })
  async exportBatch(@Ctx() ctx: CommandContext, @Body() dto: ExportBatchDto) {
    return this.service.exportBatch(ctx, dto.businessDate);
  }

  @Get('batches')
  @Operation({
    summary: 'Anordnungsdateien auflisten',
    description: 'Die Anordnungsdateien, älteste zuerst, und wie viele angeordnete Zahlungen noch in keiner stehen.',
    answer: { status: 200, schema: PaymentBatchList },
  })
  batches(@Ctx() ctx: CommandContext) {
    return this.service.batches(ctx.tenantId);
  }

  @Get('batches/:batchId')
  @Operation({
    summary: 'Eine Anordnungsdatei lesen (JSON)',
    description: 'Die Anordnungsdatei als JSON, wie sie ausgegeben wurde; jede erneute Ausgabe ist gleich.',
    answer: { status: 200, schema: PaymentBatch },
    refusals: [F['batch-not-found']],
  })
  batch(@Ctx() ctx: CommandContext, @Param('batchId', batchParam) batchId: string) {
    return this.service.batch(ctx.tenantId, batchId);
  }

  @Get('batches/:batchId/csv')
  @Operation({
    summary: 'Eine Anordnungsdatei als CSV herunterladen',
    description:
      'Die Anordnungsdatei im dokumentierten CSV-Aufbau (docs/finanzverfahren.md): eine Zeile je Anordnung mit Anordnungsnummer, Art, Kreditor, Zahlungsempfänger, Betrag, Fälligkeit, Produkt, Sachkonto, Kostenstelle, Haushaltsjahr, Fall oder Zuwendung, Rechnung oder Rate, Verwendungszweck. UTF-8 mit BOM; jede erneute Ausgabe ist Byte für Byte gleich.',
    answer: { status: 200, mediaType: 'text/csv', description: 'Anordnungsdatei als CSV (anordnungen-<Datei>.csv)' },
    refusals: [F['batch-not-found']],
  })
  async batchCsv(
    @Ctx() ctx: CommandContext,
    @Param('batchId', batchParam) batchId: string,
    @Query() q: BatchCsvQuery,
    @Res({ passthrough: true }) reply: ApiReply,
  ) {
    const batch = await this.service.batch(ctx.tenantId, batchId);
    return csvDownload(reply, `anordnungen-${batchId}.csv`, batchTable(batch), q.decimalComma !== 'false');
  }

  @Post('feedback')
  @Operation({
    summary: 'Rückmeldung des Finanzverfahrens einlesen (CSV)',
    description:
      'Liest die Zahlungsrückmeldung des Finanzverfahrens ein (Anordnungsnummer, Bezahlt am, Belegnummer, Betrag) und bucht jede passende Zahlung (PaymentFeedbackImported). Was nicht passt, wird aufgeführt und nicht gebucht: eine unbekannte Anordnungsnummer, eine schon bezahlte oder in der Datei doppelte Anordnung, ein anderer Betrag als angeordnet. Eine fehlerhafte Zeile nennt Zeile und Spalte (rowErrors, errors[].field in Worten); dann wird nichts übernommen.',
    answer: { status: 201, schema: FeedbackImport, location: '/finanzverfahren/reconciliation' },
    refusals: [F['feedback-invalid']],
  })
  importFeedback(@Ctx() ctx: CommandContext, @Body() dto: ImportFeedbackDto) {
    return this.service.importFeedback(ctx, dto);
  }

  @Get('reconciliation')
  @Operation({
    summary: 'Abgleich mit dem Finanzverfahren',
    description:
      'Jede ausgegebene Anordnung mit ihrem Stand (ausgegeben oder bezahlt, mit Datum und Beleg des Finanzverfahrens) und jede Abweichung aus den Rückmeldungen.',
    answer: { status: 200, schema: PaymentReconciliation },
  })
  reconciliation(@Ctx() ctx: CommandContext) {
    return this.service.reconciliation(ctx.tenantId);
  }
}
