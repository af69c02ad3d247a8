import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: "The tenant's event log in commit order: event, stream, actor, correlation, business date, recorded at, hash and chain link" })
  events(@Ctx() ctx: CommandContext, @Query() query: AuditLogQuery) {
    return this.log.page(ctx.tenantId, query);
  }

  @Get('export')
  @ApiOperation({ summary: "All events of the tenant as NDJSON (one JSON object per line, as in /audit/events), for the auditor's own tools" })
  @ApiProduces('application/x-ndjson')
  export(@Ctx() ctx: CommandContext): StreamableFile {
    // Streamed line by line: a tenant's whole log need not fit into memory.
    return new StreamableFile(Readable.from(this.log.exportLines(ctx.tenantId)), {
      type: 'application/x-ndjson; charset=utf-8',
      disposition: `attachment; filename="ereignisse-${ctx.tenantId}.ndjson"`,
    });
  }

  @Get('verification')
  @ApiOperation({
    summary: 'Recomputes the hash chain over the log (and the seals, if a seal key is configured): ok, or what was altered, inserted or removed',
  })
  verify(@Ctx() ctx: CommandContext) {
    return this.verification.verify(ctx.tenantId);
  }
}
