import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Pool } from 'pg';
import { PG_POOL } from '../../../libs/database/database.module';
import { NotFound, refuse } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { Page, PageQuery, decodeCursor, encodeCursor } from '../../../libs/http/pagination';
import { localised } from '../../../libs/http/validation-messages';
import { CheckpointEventData, publishedKey } from '../../../libs/event-store/audit/audit-checkpoints';
import { StoredCheckpoint, checkpointFile, occasionView, readCheckpoints } from '../../../libs/event-store/audit/checkpoint-file';
import { consistencyProof, inclusionProof, leafAt, treeSize, viaClient } from '../../../libs/event-store/audit/audit-tree';
import { parseVerifierKey } from '../../../libs/merkle';
import { AUDIT_PROBLEMS } from '../audit.problems';
import { AUDIT_TRAIL_CONFIG, AuditTrailConfig } from '../audit-trail.config';

const TREE_SIZE = /^[1-9]\d{0,14}$/;
const treeSizeMessage = localised('muss eine Baumgröße sein (ganze Zahl ab 1).', 'must be a tree size (a whole number from 1).');

export class InclusionProofQuery {
  @ApiProperty({ description: 'Position des Ereignisses im Ereignisprotokoll (wie in /audit/events)', example: '4711', pattern: '^\\d{1,18}$' })
  @Matches(/^\d{1,18}$/, { message: localised('muss eine Position im Ereignisprotokoll sein (ganze Zahl).', 'must be a log position (a whole number).') })
  position: string;

  @ApiProperty({ description: 'Größe des Baums, z. B. die eines Prüfpunkts', example: '1234', pattern: TREE_SIZE.source })
  @Matches(TREE_SIZE, { message: treeSizeMessage })
  treeSize: string;
}

export class ConsistencyProofQuery {
  @ApiProperty({ description: 'Die kleinere Baumgröße, z. B. die eines älteren Prüfpunkts', example: '1000', pattern: TREE_SIZE.source })
  @Matches(TREE_SIZE, { message: treeSizeMessage })
  from: string;

  @ApiProperty({ description: 'Die größere Baumgröße, z. B. die des neuesten Prüfpunkts', example: '1234', pattern: TREE_SIZE.source })
  @Matches(TREE_SIZE, { message: treeSizeMessage })
  to: string;
}

const tooSmall = (tenantId: string, size: number, asked: number) =>
  new NotFound(
    AUDIT_PROBLEMS['tree-size-not-reached'],
    text(
      `Der Prüfbaum des Mandanten ${tenantId} hat ${size} Blätter, nicht ${asked}.`,
      `The audit tree of tenant ${tenantId} has ${size} leaves, not ${asked}.`,
    ),
    { treeSize: size },
  );

/**
 * The tenant's tree as an auditor checks it from outside: signed checkpoints (as a list and as the
 * file to keep), the keys that signed them, and RFC 9162 proofs against the roots they state.
 */
@Injectable()
export class AuditTrailQueries {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(AUDIT_TRAIL_CONFIG) private readonly config: AuditTrailConfig,
  ) {}

  private get run() {
    return viaClient(this.pool);
  }

  async checkpoints(tenantId: string, query: PageQuery) {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor, ['int']);
    const rows = await readCheckpoints(this.run, tenantId, { beforeVersion: cursor ? (cursor[0] as number) : undefined, limit: limit + 1 });
    const shown = rows.slice(0, limit);
    const page: Page<ReturnType<typeof checkpointView>> = {
      items: shown.map(checkpointView),
      nextCursor: rows.length > limit ? encodeCursor([shown[shown.length - 1].version]) : null,
    };
    return page;
  }

  async file(tenantId: string, now = new Date()) {
    const file = await checkpointFile(this.run, tenantId, now);
    if (!file) {
      throw new NotFound(
        AUDIT_PROBLEMS['no-checkpoint'],
        text(`Für den Mandanten ${tenantId} ist noch kein Prüfpunkt signiert.`, `No checkpoint has been signed for tenant ${tenantId} yet.`),
      );
    }
    return file;
  }

  /** The keys that signed the tenant's checkpoints, the newest first; which one signs now. */
  async publicKeys(tenantId: string) {
    const current = publishedKey(this.config.key).verifierKey;
    const byKey = new Map<string, CheckpointEventData[]>();
    for (const { data } of (await readCheckpoints(this.run, tenantId)).reverse()) byKey.set(data.verifierKey, [...(byKey.get(data.verifierKey) ?? []), data]);
    const items = [...byKey].map(([verifierKey, signed]) => {
      const { name, publicKey } = parseVerifierKey(verifierKey);
      const key = publishedKey({ name, publicKey });
      return {
        keyName: key.name,
        keyId: key.keyId,
        verifierKey: key.verifierKey,
        publicKeyPem: key.publicKeyPem,
        current: verifierKey === current,
        checkpoints: signed.length,
        firstSignedAt: signed[0].signedAt,
        lastSignedAt: signed[signed.length - 1].signedAt,
      };
    });
    return { items: items.sort((a, b) => b.lastSignedAt.localeCompare(a.lastSignedAt)) };
  }

  async inclusion(tenantId: string, query: InclusionProofQuery) {
    const size = Number(query.treeSize);
    const leaf = await leafAt(this.run, tenantId, query.position);
    if (!leaf) {
      throw new NotFound(
        AUDIT_PROBLEMS['event-not-in-tree'],
        text(
          `An Position ${query.position} steht kein Ereignis des Mandanten ${tenantId}, das der Prüfbaum schon aufgenommen hat.`,
          `Position ${query.position} holds no event of tenant ${tenantId} that the audit tree has taken up yet.`,
        ),
      );
    }
    const current = await treeSize(this.run, tenantId);
    if (size > current) throw tooSmall(tenantId, current, size);
    if (leaf.index >= size) {
      refuse(
        AUDIT_PROBLEMS['event-beyond-tree-size'],
        text(
          `Das Ereignis an Position ${query.position} ist Blatt ${leaf.index}; ein Baum mit ${size} Blättern enthält es nicht.`,
          `The event at position ${query.position} is leaf ${leaf.index}; a tree of ${size} leaves does not hold it.`,
        ),
        { leafIndex: leaf.index },
      );
    }
    const { path, root } = await inclusionProof(this.run, tenantId, leaf.index, size);
    return {
      position: query.position,
      leafIndex: leaf.index,
      treeSize: size,
      leafHash: leaf.hash.toString('base64'),
      rootHash: root.toString('base64'),
      auditPath: path.map((h) => h.toString('base64')),
    };
  }

  async consistency(tenantId: string, query: ConsistencyProofQuery) {
    const [from, to] = [Number(query.from), Number(query.to)];
    const current = await treeSize(this.run, tenantId);
    if (to > current) throw tooSmall(tenantId, current, to);
    if (from > to) {
      refuse(AUDIT_PROBLEMS['tree-sizes-reversed'], text(`from (${from}) ist größer als to (${to}).`, `from (${from}) is greater than to (${to}).`));
    }
    const proof = await consistencyProof(this.run, tenantId, from, to);
    return {
      from,
      to,
      fromRoot: proof.fromRoot.toString('base64'),
      toRoot: proof.toRoot.toString('base64'),
      proof: proof.proof.map((h) => h.toString('base64')),
    };
  }
}

function checkpointView({ position, data }: StoredCheckpoint) {
  return {
    treeSize: data.treeSize,
    rootHash: data.rootHash,
    signedAt: data.signedAt,
    occasion: occasionView(data.occasion),
    position,
    keyName: data.keyName,
    keyId: data.keyId,
    note: data.note,
  };
}
