import { HASH_BYTES } from './merkle';
import { MalformedNote } from './signed-note';

/**
 * The text of a checkpoint (c2sp.org/tlog-checkpoint): the log's origin, its size in decimal, the
 * base64 root hash, then extension lines the log defines. Clients that do not know an extension
 * line ignore it; this log states the signing time in one (`time <ISO 8601>`).
 */
export interface CheckpointText {
  origin: string;
  size: number;
  rootHash: Buffer;
  extensions: string[];
}

export function formatCheckpoint(checkpoint: CheckpointText): string {
  const lines = [checkpoint.origin, String(checkpoint.size), checkpoint.rootHash.toString('base64'), ...checkpoint.extensions];
  for (const line of lines) if (!line || line.includes('\n')) throw new MalformedNote('every line of a checkpoint is one non-empty line');
  if (checkpoint.rootHash.length !== HASH_BYTES) throw new MalformedNote(`a root hash has ${HASH_BYTES} bytes`);
  return `${lines.join('\n')}\n`;
}

export function parseCheckpoint(text: string): CheckpointText {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines.length < 3) throw new MalformedNote('a checkpoint has an origin, a size and a root hash, each on a line');
  const [origin, size, root, ...extensions] = lines;
  if (!origin) throw new MalformedNote('a checkpoint names its origin');
  if (!/^(0|[1-9]\d{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) throw new MalformedNote(`not a tree size: ${JSON.stringify(size)}`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== HASH_BYTES || rootHash.toString('base64') !== root) throw new MalformedNote('the root hash is 32 bytes in base64');
  if (extensions.some((line) => line === '')) throw new MalformedNote('extension lines are not empty');
  return { origin, size: Number(size), rootHash, extensions };
}

/** The value of the extension line `<name> <value>`, if the checkpoint has one. */
export function checkpointExtension(checkpoint: CheckpointText, name: string): string | undefined {
  const line = checkpoint.extensions.find((l) => l.startsWith(`${name} `));
  return line?.slice(name.length + 1);
}
