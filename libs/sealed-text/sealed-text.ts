import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/**
 * Free text sealed with a key of its own subject (a case, a subsidy, an activity): AES-256-GCM,
 * the key's id and the tenant bound as additional data. The event log and every read model hold
 * only the sealed form; deleting the key erases the text everywhere at once, while the sealed
 * bytes, and so every hash and signature over them, stay as they were.
 *
 * Form: `sealed:v1:<key id>:<iv, base64url>:<ciphertext and tag, base64url>`.
 *
 * The IV is derived from key, tenant and text (HMAC-SHA-256, as a synthetic IV): the same text
 * under the same key seals to the same string, so a command decided again (a retry, a lost race)
 * appends the very same event and the store's idempotency check recognises it. Two different
 * texts never share an IV; two equal texts of one subject show that they are equal, nothing more.
 */
export const SEALED_PREFIX = 'sealed:v1:';

const SEALED = /^sealed:v1:([0-9a-f-]{36}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22,})$/;
const TAG_BYTES = 16;

export interface SealedParts {
  keyId: string;
  iv: Buffer;
  body: Buffer;
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

export function parseSealed(value: string): SealedParts | null {
  const match = SEALED.exec(value);
  if (!match) return null;
  const body = Buffer.from(match[3], 'base64url');
  if (body.length < TAG_BYTES) return null;
  return { keyId: match[1], iv: Buffer.from(match[2], 'base64url'), body };
}

const additionalData = (tenantId: string, keyId: string) => Buffer.from(`${SEALED_PREFIX}${tenantId}:${keyId}`, 'utf8');

export function sealText(key: Buffer, keyId: string, tenantId: string, plaintext: string): string {
  const iv = createHmac('sha256', key).update(`iv\u0000${tenantId}\u0000${plaintext}`, 'utf8').digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additionalData(tenantId, keyId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${SEALED_PREFIX}${keyId}:${iv.toString('base64url')}:${body.toString('base64url')}`;
}

/** The text, or null when the sealed form was not made with this key for this tenant (changed or foreign). */
export function openText(key: Buffer, parts: SealedParts, tenantId: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.iv);
    decipher.setAAD(additionalData(tenantId, parts.keyId));
    decipher.setAuthTag(parts.body.subarray(parts.body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(parts.body.subarray(0, parts.body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
