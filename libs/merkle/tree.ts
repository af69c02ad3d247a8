import { EMPTY_ROOT, HASH_BYTES, NodeRef, consistencyPlan, foldNodes, inclusionPlan, nodeHash, resolvePlan, rootPlan, splitPoint } from './merkle';

export interface TreeNode extends NodeRef {
  hash: Buffer;
}

/**
 * The right edge of a growing tree: the perfect subtrees that rootPlan(size) names, and nothing
 * else. Appending a leaf completes at most log2(n) subtrees, which is all that a store of the
 * tree's nodes has to add, so a log of any length grows in O(log n) per entry.
 */
export class TreeFrontier {
  private readonly edge: TreeNode[];
  private leaves: number;

  /** Starts from a tree of `size` leaves, given the hashes of rootPlan(size) in its order. */
  constructor(size = 0, hashes: readonly Buffer[] = []) {
    const plan = rootPlan(size);
    if (plan.length !== hashes.length) throw new Error(`a tree of ${size} leaves has ${plan.length} edge subtrees, got ${hashes.length}`);
    this.edge = plan.map((node, i) => ({ ...node, hash: hashes[i] }));
    this.leaves = size;
  }

  get size(): number {
    return this.leaves;
  }

  /** Adds a leaf; answers the subtrees it completed, the leaf itself first. */
  append(leaf: Buffer): TreeNode[] {
    if (leaf.length !== HASH_BYTES) throw new Error(`a leaf hash has ${HASH_BYTES} bytes, got ${leaf.length}`);
    const completed: TreeNode[] = [{ level: 0, index: this.leaves, hash: leaf }];
    this.edge.push(completed[0]);
    while (this.edge.length >= 2 && this.edge[this.edge.length - 1].level === this.edge[this.edge.length - 2].level) {
      const right = this.edge.pop()!;
      const left = this.edge.pop()!;
      const parent = { level: left.level + 1, index: left.index / 2, hash: nodeHash(left.hash, right.hash) };
      this.edge.push(parent);
      completed.push(parent);
    }
    this.leaves++;
    return completed;
  }

  root(): Buffer {
    return foldNodes(this.edge.map((node) => node.hash));
  }
}

/** Hashes of one level, packed into one growing buffer (a million leaves are 32 MB, not a million objects). */
class HashColumn {
  private buffer = Buffer.alloc(HASH_BYTES * 1024);
  length = 0;

  push(hash: Buffer): void {
    if ((this.length + 1) * HASH_BYTES > this.buffer.length) {
      const grown = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(grown);
      this.buffer = grown;
    }
    hash.copy(this.buffer, this.length * HASH_BYTES);
    this.length++;
  }

  at(index: number): Buffer {
    return Buffer.from(this.view(index));
  }

  /** The hash in place, for hashing it right away (the buffer moves when it grows). */
  view(index: number): Buffer {
    if (index < 0 || index >= this.length) throw new RangeError(`no node ${index} on this level`);
    return this.buffer.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }
}

/**
 * A whole tree in memory, every perfect subtree kept (2n hashes): the root of any earlier size and
 * every proof in O(log n). For verifiers that read a log once and then check many checkpoints.
 */
export class MemoryTree {
  private readonly levels: HashColumn[] = [new HashColumn()];

  get size(): number {
    return this.levels[0].length;
  }

  append(leaf: Buffer): void {
    if (leaf.length !== HASH_BYTES) throw new Error(`a leaf hash has ${HASH_BYTES} bytes, got ${leaf.length}`);
    this.levels[0].push(leaf);
    let index = this.levels[0].length - 1;
    for (let level = 0; index % 2 === 1; level++) {
      if (!this.levels[level + 1]) this.levels.push(new HashColumn());
      this.levels[level + 1].push(nodeHash(this.levels[level].view(index - 1), this.levels[level].view(index)));
      index = (index - 1) / 2;
    }
  }

  /** The hash of a perfect subtree. */
  node = (node: NodeRef): Buffer => {
    const level = this.levels[node.level];
    if (!level) throw new RangeError(`no subtree of level ${node.level} yet`);
    return level.at(node.index);
  };

  leaf(index: number): Buffer {
    return this.levels[0].at(index);
  }

  root(size = this.size): Buffer {
    this.assertSize(size);
    return size === 0 ? EMPTY_ROOT : foldNodes(rootPlan(size).map(this.node));
  }

  inclusionProof(index: number, size = this.size): Buffer[] {
    this.assertSize(size);
    return resolvePlan(inclusionPlan(index, size), this.node);
  }

  consistencyProof(m: number, n = this.size): Buffer[] {
    this.assertSize(n);
    return resolvePlan(consistencyPlan(m, n), this.node);
  }

  private assertSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) throw new RangeError(`the tree has ${this.size} leaves, not ${size}`);
  }
}

/**
 * The root of a small tree and the audit path of every leaf, in one pass over its subtrees
 * (RFC 9162 §2.1.3.1): what signing a batch needs, without the plans a growing tree uses.
 */
export function batchProofs(leaves: readonly Buffer[]): { root: Buffer; paths: Buffer[][] } {
  if (leaves.length === 0) return { root: EMPTY_ROOT, paths: [] };
  const memo = new Map<number, Buffer>();
  const span = leaves.length + 1;
  const hashOf = (start: number, end: number): Buffer => {
    if (end - start === 1) return leaves[start];
    const key = start * span + end;
    let hash = memo.get(key);
    if (!hash) {
      const k = start + splitPoint(end - start);
      hash = nodeHash(hashOf(start, k), hashOf(k, end));
      memo.set(key, hash);
    }
    return hash;
  };
  const pathOf = (index: number, start: number, end: number): Buffer[] => {
    if (end - start === 1) return [];
    const k = start + splitPoint(end - start);
    return index < k ? [...pathOf(index, start, k), hashOf(k, end)] : [...pathOf(index, k, end), hashOf(start, k)];
  };
  return { root: hashOf(0, leaves.length), paths: leaves.map((_, i) => pathOf(i, 0, leaves.length)) };
}
