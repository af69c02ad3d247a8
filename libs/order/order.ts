/**
 * Total orders for the lists the API returns. Every list is sorted on a key that identifies its
 * items, never left in the order a Map, a query plan or the arrival of events happened to give.
 * Text compares by UTF-16 code unit: the same on every machine and in every locale (unlike
 * localeCompare), and the byte order of the ASCII codes and ids PostgreSQL sorts under locale C.
 */
export type Comparator<T> = (a: T, b: T) => number;

export const compareText: Comparator<string> = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export const compareNumbers: Comparator<number | bigint> = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const RUNS = /\d+|\D+/g;

/**
 * Ids numbered by the domain (AKT-2025-2 before AKT-2025-10, TW-25-001-B2 before -B10): runs of
 * digits compare as numbers, everything else as text; ids equal that way ("R01", "R1") fall back
 * to text, so the order stays total.
 */
export const compareNatural: Comparator<string> = (a, b) => {
  const x = a.match(RUNS) ?? [];
  const y = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const digits = /^\d/.test(x[i]) && /^\d/.test(y[i]);
    const order = digits ? compareDigits(x[i], y[i]) : compareText(x[i], y[i]);
    if (order !== 0) return order;
  }
  return compareNumbers(x.length, y.length) || compareText(a, b);
};

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return compareNumbers(x.length, y.length) || compareText(x, y);
}

/** Values of a fixed vocabulary in the order it lists them (budget categories FS, FUE, FU); others after, as text. */
export function inOrderOf(order: readonly string[]): Comparator<string> {
  const rank = new Map(order.map((value, i) => [value, i]));
  return (a, b) => compareNumbers(rank.get(a) ?? order.length, rank.get(b) ?? order.length) || compareText(a, b);
}

/** Compares items by one key. */
export function by<T, K>(key: (item: T) => K, compare: Comparator<K>): Comparator<T> {
  return (a, b) => compare(key(a), key(b));
}

/** The first comparator that tells two items apart decides (order by a, then b, …). */
export function thenBy<T>(...comparators: Comparator<T>[]): Comparator<T> {
  return (a, b) => {
    for (const compare of comparators) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}

/** A sorted copy. */
export function sortedBy<T>(items: Iterable<T>, compare: Comparator<T>): T[] {
  return [...items].sort(compare);
}
