import { Readable } from 'node:stream';
import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Operation } from '../../libs/http/contract/operation.decorator';
import {
  AuditLogPage,
  AuditVerification,
  CheckpointFileSchema,
  CheckpointPage,
  ConsistencyProofSchema,
  InclusionProofSchema,
  PublicKeyList,
} from './audit.schemas';
import { Static } from '../../libs/http/contract/schema-types';
import { Ctx } from '../../libs/auth/request-context.decorator';
import { ApiReply } from '../../libs/auth/api-request';
import { CommandContext } from '../../libs/ddd/command-context';
import { PageQuery } from '../../libs/http/pagination';
import { AuditLogQueries, AuditLogQuery } from './queries/audit-log.query';
import { AuditVerificationQuery } from './queries/audit-verification.query';
import { AuditTrailQueries, ConsistencyProofQuery, InclusionProofQuery } from './queries/audit-trail.query';
import { AUDIT_PROBLEMS } from './audit.problems';
import { ShowsSealedTexts } from '../../libs/sealed-text/sealed-text.interceptor';

/**
 * The Rechnungsprüfung's access to the record itself: every event of the tenant with who, when
 * and why, its hashes and its place in the hash chain and the Merkle tree, an export, the
 * verification that nothing was altered, and what an auditor checks from outside the system:
 * signed checkpoints, the keys that signed them, and proofs against their roots.
 * Past states of the figures are the steering queries with asOf/knownAt.
 */
@ApiTags('Rechnungsprüfung')
@ApiBearerAuth()
// The Rechnungsprüfung sees the log as stored: free texts sealed, as the leaves and signatures commit to them.
@ShowsSealedTexts()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly log: AuditLogQueries,
    private readonly verification: AuditVerificationQuery,
    private readonly trail: AuditTrailQueries,
  ) {}

  @Get('events')
  @Operation({
    summary: 'Ereignisprotokoll lesen',
    description:
      'Das Ereignisprotokoll des Mandanten in Buchungsreihenfolge, seitenweise: jede gespeicherte Spalte (Position, Transaktion, Ereignis, Datenstrom, Mandant, Typ, Inhalt und Metadaten wie gebucht, fachliches Datum, Buchungszeitpunkt auf die Mikrosekunde), daraus wer (Nutzer, Rolle, Organisation) und Korrelation, dazu Hash und Glied der Prüfkette und Blatt und Blatt-Hash im Prüfbaum; wahlweise nur ein Datenstrom (streamId) oder ein Ereignistyp (type).',
    answer: { status: 200, schema: AuditLogPage },
  })
  events(@Ctx() ctx: CommandContext, @Query() query: AuditLogQuery): Promise<Static<typeof AuditLogPage>> {
    return this.log.page(ctx.tenantId, query);
  }

  @Get('export')
  @Operation({
    summary: 'Ereignisprotokoll exportieren',
    description:
      'Alle Ereignisse des Mandanten, die zu Beginn des Exports gebucht sind, als NDJSON (ein JSON-Objekt je Zeile, wie in /audit/events) für die Werkzeuge der Rechnungsprüfung; die Eingabe --export von `npm run audit -- verify-offline`.',
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

  @Get('checkpoints')
  @Operation({
    summary: 'Signierte Prüfpunkte lesen',
    description:
      'Die Prüfpunkte des Prüfbaums des Mandanten, neueste zuerst, seitenweise: Baumgröße, Wurzel-Hash, Zeitpunkt und Anlass (im eingestellten Abstand, nach jedem Monats- und Jahresabschluss, auf Anforderung), mit Ed25519 signiert als signierte Notiz im C2SP-Format, die Werkzeuge für Transparenzprotokolle lesen. Jeder Prüfpunkt ist auch ein Ereignis im Datenstrom <Mandant>/audit/checkpoints.',
    answer: { status: 200, schema: CheckpointPage },
  })
  checkpoints(@Ctx() ctx: CommandContext, @Query() query: PageQuery): Promise<Static<typeof CheckpointPage>> {
    return this.trail.checkpoints(ctx.tenantId, query);
  }

  @Get('checkpoints/file')
  @Operation({
    summary: 'Prüfpunkte als Datei zur Verwahrung herunterladen',
    description:
      'Alle Prüfpunkte des Mandanten nach Baumgröße, jeder mit dem Konsistenzbeweis vom vorigen, als Datei (pruefpunkte-<Mandant>.json), die die Rechnungsprüfung außerhalb des Systems verwahrt: die Eingabe --checkpoints von `npm run audit -- verify-offline`. Wer eine ältere Datei aufbewahrt, erkennt damit auch, wenn das Protokoll hinter einen ausgehändigten Prüfpunkt zurückgesetzt wurde.',
    answer: { status: 200, schema: CheckpointFileSchema },
    refusals: [AUDIT_PROBLEMS['no-checkpoint']],
  })
  async checkpointFile(@Ctx() ctx: CommandContext, @Res({ passthrough: true }) reply: ApiReply): Promise<Static<typeof CheckpointFileSchema>> {
    const file = await this.trail.file(ctx.tenantId);
    reply.header('content-disposition', `attachment; filename="pruefpunkte-${ctx.tenantId}.json"`);
    return file;
  }

  @Get('public-keys')
  @Operation({
    summary: 'Öffentliche Schlüssel der Prüfpunkte lesen',
    description:
      'Die öffentlichen Ed25519-Schlüssel, mit denen die Prüfpunkte des Mandanten signiert sind, als PEM (die Eingabe --public-key von verify-offline) und als Prüfschlüssel signierter Notizen, mit Schlüsselkennung; current markiert den, mit dem das System jetzt signiert. Den Fingerabdruck (keyId) vergleicht die Rechnungsprüfung mit dem, den ihr der Betrieb auf anderem Weg mitgeteilt hat.',
    answer: { status: 200, schema: PublicKeyList },
  })
  publicKeys(@Ctx() ctx: CommandContext): Promise<Static<typeof PublicKeyList>> {
    return this.trail.publicKeys(ctx.tenantId);
  }

  @Get('proofs/inclusion')
  @Operation({
    summary: 'Einschlussbeweis eines Ereignisses',
    description:
      'Der Prüfpfad nach RFC 9162, der zeigt, dass das Ereignis an der Position im Prüfbaum der Größe treeSize enthalten ist: mit Blatt-Hash und Prüfpfad rechnet man die Wurzel nach und vergleicht sie mit der eines signierten Prüfpunkts dieser Größe.',
    answer: { status: 200, schema: InclusionProofSchema },
    refusals: [AUDIT_PROBLEMS['event-not-in-tree'], AUDIT_PROBLEMS['tree-size-not-reached'], AUDIT_PROBLEMS['event-beyond-tree-size']],
  })
  inclusion(@Ctx() ctx: CommandContext, @Query() query: InclusionProofQuery): Promise<Static<typeof InclusionProofSchema>> {
    return this.trail.inclusion(ctx.tenantId, query);
  }

  @Get('proofs/consistency')
  @Operation({
    summary: 'Konsistenzbeweis zwischen zwei Baumgrößen',
    description:
      'Der Konsistenzbeweis nach RFC 9162, der zeigt, dass der Prüfbaum der Größe from ein unveränderter Anfang des Baums der Größe to ist: zwischen zwei signierten Prüfpunkten wurde nur angefügt, nichts geändert oder entfernt.',
    answer: { status: 200, schema: ConsistencyProofSchema },
    refusals: [AUDIT_PROBLEMS['tree-size-not-reached'], AUDIT_PROBLEMS['tree-sizes-reversed']],
  })
  consistency(@Ctx() ctx: CommandContext, @Query() query: ConsistencyProofQuery): Promise<Static<typeof ConsistencyProofSchema>> {
    return this.trail.consistency(ctx.tenantId, query);
  }
}
