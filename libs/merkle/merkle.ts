import { createHash } from 'node:crypto';

/**
 * Merkle tree hashing of RFC 9162 (Certificate Transparency 2.0, §2.1): leaves and interior
 * nodes are hashed with different prefixes, so a leaf can never pass for a node, and the tree over
 * n leaves splits at the largest power of two smaller than n. Everything here is pure; a tree's
 * nodes come from wherever the caller keeps them (memory, a table) through plans of node
 * coordinates, so a proof over a million leaves reads a few dozen hashes.
 */

export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256(0x00 || data): the hash of one entry of the log. */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/**
 * A perfect subtree: the 2^level leaves from index * 2^level on. Level 0 is a leaf itself. Every
 * hash of the tree is one of these or a fold of several (the right edge of a tree whose size is not
 * a power of two).
 */
export interface NodeRef {
  level: number;
  index: number;
}

/** Looks up the hash of a perfect subtree; throws when the caller does not have it. */
export type NodeLookup = (node: NodeRef) => Buffer;

/** The largest power of two smaller than n (n > 1). */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`no split point for ${n} leaves`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that make up the leaves [start, end), largest first, as RFC 9162's MTH
 * splits them: the ranges its recursions ask for always begin at a multiple of the largest power
 * of two they hold, so taking the largest aligned subtree that fits, left to right, is that split.
 */
export function rangeNodes(start: number, end: number): NodeRef[] {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) throw new RangeError(`no range [${start}, ${end})`);
  const nodes: NodeRef[] = [];
  let position = start;
  while (position < end) {
    let level = 0;
    while (position % 2 ** (level + 1) === 0 && position + 2 ** (level + 1) <= end) level++;
    nodes.push({ level, index: position / 2 ** level });
    position += 2 ** level;
  }
  return nodes;
}

/** MTH of a range from its perfect subtrees (left to right): folded from the right edge in. */
export function foldNodes(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  let hash = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i], hash);
  return hash;
}

/** Where the root of the first `size` leaves comes from. */
export function rootPlan(size: number): NodeRef[] {
  return rangeNodes(0, size);
}

/**
 * Where each hash of an audit path comes from (RFC 9162 §2.1.3.1, PATH(m, D[n])), from the
 * leaf's sibling up to the root's other child; each entry is folded from its perfect subtrees.
 */
export function inclusionPlan(index: number, size: number): NodeRef[][] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  }
  const path: NodeRef[][] = [];
  const walk = (start: number, end: number) => {
    if (end - start === 1) return;
    const k = splitPoint(end - start);
    if (index - start < k) {
      walk(start, start + k);
      path.push(rangeNodes(start + k, end));
    } else {
      walk(start + k, end);
      path.push(rangeNodes(start, start + k));
    }
  };
  walk(0, size);
  return path;
}

/** Where each hash of the consistency proof between the trees of m and n leaves comes from (RFC 9162 §2.1.4.1). */
export function consistencyPlan(m: number, n: number): NodeRef[][] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 1 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n} leaves`);
  const proof: NodeRef[][] = [];
  const subproof = (size: number, start: number, end: number, whole: boolean) => {
    if (size === end - start) {
      if (!whole) proof.push(rangeNodes(start, end));
      return;
    }
    const k = splitPoint(end - start);
    if (size <= k) {
      subproof(size, start, start + k, whole);
      proof.push(rangeNodes(start + k, end));
    } else {
      subproof(size - k, start + k, end, false);
      proof.push(rangeNodes(start, start + k));
    }
  };
  subproof(m, 0, n, true);
  return proof;
}

/** Every distinct perfect subtree a set of plans needs, for fetching them in one go. */
export function nodesOf(plans: ReadonlyArray<readonly NodeRef[]>): NodeRef[] {
  const seen = new Map<string, NodeRef>();
  for (const plan of plans) for (const node of plan) seen.set(`${node.level}:${node.index}`, node);
  return [...seen.values()];
}

/** The hashes of a plan, each entry folded from its subtrees. */
export function resolvePlan(plan: ReadonlyArray<readonly NodeRef[]>, lookup: NodeLookup): Buffer[] {
  return plan.map((nodes) => foldNodes(nodes.map(lookup)));
}

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);
// Sizes go past 2^31, where JavaScript's bit operators would cut them.
const isPowerOfTwo = (n: number) => {
  while (n > 1 && !isOdd(n)) n = half(n);
  return n === 1;
};

/** Checks an audit path (RFC 9162 §2.1.3.2): the leaf at `index` is in the tree of `size` leaves with this root. */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): boolean {
  return rootFromInclusion(leaf, index, size, path)?.equals(root) ?? false;
}

/** The root an audit path leads to from the leaf at `index` of a tree of `size` leaves; null when the path does not fit the size. */
export function rootFromInclusion(leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[]): Buffer | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let hash: Buffer = Buffer.from(leaf);
  for (const sibling of path) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      hash = nodeHash(sibling, hash);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      hash = nodeHash(hash, sibling);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? hash : null;
}

/**
 * Checks a consistency proof (RFC 9162 §2.1.4.2): the tree of `m` leaves with root `oldRoot` is
 * a prefix of the tree of `n` leaves with root `newRoot`. Equal sizes need equal roots and no proof.
 */
export function verifyConsistency(m: number, n: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 1 || m > n) return false;
  if (m === n) return proof.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}
