import { TextKeys } from './text-keys';
import { isSealed, openText, parseSealed } from './sealed-text';

/** What a reader sees where a text's key was deleted. */
export const ERASED_TEXT = 'gelöscht';
/** What a reader sees where a sealed text does not open (changed, or not this tenant's). */
export const UNREADABLE_TEXT = 'nicht lesbar';

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (isSealed(value)) {
      const parts = parseSealed(value);
      if (parts) into.add(parts.keyId);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) collect(item, into);
  }
}

/** A copy with every sealed string replaced; parts without one are the same objects. */
function replace(value: unknown, open: (sealed: string) => string): unknown {
  if (typeof value === 'string') return isSealed(value) ? open(value) : value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item, i) => {
      const next = replace(item, open);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | null = null;
    for (const [key, item] of Object.entries(value)) {
      const next = replace(item, open);
      if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
    }
    return copy ?? value;
  }
  return value;
}

/**
 * Opens every sealed text in a value (an API answer) for one tenant with one lookup of the keys
 * it needs: the text where the key is there, "gelöscht" where it was erased.
 */
export async function openSealedTexts<T>(value: T, tenantId: string, keys: TextKeys): Promise<T> {
  const keyIds = new Set<string>();
  collect(value, keyIds);
  if (keyIds.size === 0) return value;
  const found = await keys.keys(tenantId, [...keyIds]);
  return replace(value, (sealed) => {
    const parts = parseSealed(sealed);
    if (!parts || !found.has(parts.keyId)) return UNREADABLE_TEXT;
    const key = found.get(parts.keyId);
    if (!key) return ERASED_TEXT;
    return openText(key, parts, tenantId) ?? UNREADABLE_TEXT;
  }) as T;
}
