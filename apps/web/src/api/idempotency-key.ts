/**
 * A fresh Idempotency-Key for one submission. crypto.randomUUID exists only in secure contexts
 * (https, localhost); an intranet served over plain http still has getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
