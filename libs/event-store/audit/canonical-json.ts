/**
 * JSON with sorted keys (by UTF-16 code units, as Array.prototype.sort without a comparator) and
 * no white space: the same event always hashes the same, however its JSON was ordered. Keys whose
 * value is undefined are left out, as JSON.stringify does. Runs for every event appended and
 * verified, hence the plain loops.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    // An undefined item adds nothing, as it did with Array.prototype.join (never in stored JSON).
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (canonicalJson(value[i]) ?? '');
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}
