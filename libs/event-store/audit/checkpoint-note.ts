import { KeyObject } from 'node:crypto';
import { checkpointExtension, parseCheckpoint, verifyNote } from '../../merkle';

/**
 * What a verifier needs of a checkpoint, apart from the database that signs them: its event type,
 * its stream and how a signed note is opened. Kept free of the store so that the offline
 * verification runs wherever SHA-256 and Ed25519 do (the command line, the auditor's browser).
 */
export const CHECKPOINT_EVENT = 'AuditCheckpointSigned';

export const checkpointStream = (tenantId: string) => `${tenantId}/audit/checkpoints`;

/** The checkpoint a note states, if one of the keys signed it: origin, size, root and the time line. */
export function openCheckpointNote(note: string, publicKeys: readonly KeyObject[]) {
  const { text, signedBy } = verifyNote(note, publicKeys);
  const checkpoint = parseCheckpoint(text);
  return { ...checkpoint, signedAt: checkpointExtension(checkpoint, 'time') ?? null, signedBy };
}
