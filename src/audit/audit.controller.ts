import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Operation } from '../../libs/http/contract/operation.decorator';
import { AuditLogPage, AuditVerification } from './audit.schemas';
import { Static } from '../../libs/http/contract/schema-types';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { CommandContext } from '../../libs/ddd/command-context';
import { AuditLogQueries, AuditLogQuery } from './queries/audit-log.query';
import { AuditVerificationQuery } from './queries/audit-verification.query';

/**
 * The Rechnungsprüfung's access to the record itself: every event of the tenant with who, when
 * and why, its hash and chain link, an export, and the verification that nothing was altered.
 * Past states of the figures are the steering queries with asOf/knownAt.
 */
@ApiTags('Rechnungsprüfung')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly log: AuditLogQueries,
    private readonly verification: AuditVerificationQuery,
  ) {}

  @Get('events')
  @Operation({
    summary: 'Ereignisprotokoll lesen',
    description:
      'Das Ereignisprotokoll des Mandanten in Buchungsreihenfolge, seitenweise: Ereignis, Datenstrom, wer (Nutzer, Rolle, Organisation), Korrelation, fachliches Datum, Buchungszeitpunkt, Hash und Glied der Prüfkette; wahlweise nur ein Datenstrom (streamId) oder ein Ereignistyp (type).',
    answer: { status: 200, schema: AuditLogPage },
  })
  events(@Ctx() ctx: CommandContext, @Query() query: AuditLogQuery): Promise<Static<typeof AuditLogPage>> {
    return this.log.page(ctx.tenantId, query);
  }

  @Get('export')
  @Operation({
    summary: 'Ereignisprotokoll exportieren',
    description:
      'Alle Ereignisse des Mandanten, die zu Beginn des Exports gebucht sind, als NDJSON (ein JSON-Objekt je Zeile, wie in /audit/events) für die Werkzeuge der Rechnungsprüfung.',
    answer: { status: 200, mediaType: 'application/x-ndjson', description: 'Ein Ereignis je Zeile, in Buchungsreihenfolge' },
  })
  export(@Ctx() ctx: CommandContext): StreamableFile {
    // Streamed line by line: a tenant's whole log need not fit into memory.
    return new StreamableFile(Readable.from(this.log.exportLines(ctx.tenantId)), {
      type: 'application/x-ndjson; charset=utf-8',
      disposition: `attachment; filename="ereignisse-${ctx.tenantId}.ndjson"`,
    });
  }

  @Get('verification')
  @Operation({
    summary: 'Prüfkette nachrechnen',
    description:
      'Rechnet die Hash-Kette über das ganze Ereignisprotokoll nach (und die Siegel, wenn ein Siegelschlüssel eingerichtet ist): ok, oder was verändert, eingefügt oder entfernt wurde.',
    answer: { status: 200, schema: AuditVerification },
  })
  verify(@Ctx() ctx: CommandContext): Promise<Static<typeof AuditVerification>> {
    return this.verification.verify(ctx.tenantId);
  }
}
