import { createHash } from 'node:crypto';
import {
  EMPTY_ROOT,
  consistencyPlan,
  foldNodes,
  inclusionPlan,
  leafHash,
  nodeHash,
  rangeNodes,
  rootPlan,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
import { MemoryTree, TreeFrontier, batchProofs } from './tree';

/** RFC 9162 §2.1 written down as literally as possible, over the leaves' data. */
const reference = {
  mth(leaves: Buffer[]): Buffer {
    if (leaves.length === 0) return createHash('sha256').digest();
    if (leaves.length === 1) return leafHash(leaves[0]);
    const k = reference.k(leaves.length);
    return nodeHash(reference.mth(leaves.slice(0, k)), reference.mth(leaves.slice(k)));
  },
  k(n: number): number {
    let k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  },
  path(m: number, leaves: Buffer[]): Buffer[] {
    if (leaves.length === 1) return [];
    const k = reference.k(leaves.length);
    return m < k
      ? [...reference.path(m, leaves.slice(0, k)), reference.mth(leaves.slice(k))]
      : [...reference.path(m - k, leaves.slice(k)), reference.mth(leaves.slice(0, k))];
  },
  proof(m: number, leaves: Buffer[]): Buffer[] {
    return reference.subproof(m, leaves, true);
  },
  subproof(m: number, leaves: Buffer[], whole: boolean): Buffer[] {
    const n = leaves.length;
    if (m === n) return whole ? [] : [reference.mth(leaves)];
    const k = reference.k(n);
    return m <= k
      ? [...reference.subproof(m, leaves.slice(0, k), whole), reference.mth(leaves.slice(k))]
      : [...reference.subproof(m - k, leaves.slice(k), false), reference.mth(leaves.slice(0, k))];
  },
};

const data = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`entry ${i}`));
const treeOf = (leaves: Buffer[]) => {
  const tree = new MemoryTree();
  for (const leaf of leaves) tree.append(leafHash(leaf));
  return tree;
};
const hex = (hashes: Buffer[]) => hashes.map((h) => h.toString('hex'));
const flipped = (hash: Buffer) => {
  const copy = Buffer.from(hash);
  copy[0] ^= 1;
  return copy;
};

// The test vectors of RFC 6962's reference implementation: eight leaves and the root of each prefix.
const VECTOR_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const VECTOR_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 9162 Merkle tree', () => {
  it('hashes the empty tree as SHA-256 of the empty string, leaves and nodes with their prefixes', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new MemoryTree().root().equals(EMPTY_ROOT)).toBe(true);
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(
      createHash('sha256')
        .update(Buffer.from([0]))
        .digest('hex'),
    );
    const [l, r] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    expect(nodeHash(l, r).toString('hex')).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from([1]), l, r]))
        .digest('hex'),
    );
  });

  it('gives the roots of the reference test vectors for every prefix', () => {
    const tree = treeOf(VECTOR_LEAVES);
    expect(VECTOR_ROOTS.map((_, i) => tree.root(i + 1).toString('hex'))).toEqual(VECTOR_ROOTS);
  });

  it('splits at the largest power of two smaller than n', () => {
    expect([2, 3, 4, 5, 8, 9, 2 ** 40 + 1].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8, 2 ** 40]);
    expect(() => splitPoint(1)).toThrow(RangeError);
  });

  it('names the perfect subtrees of a range as the RFC splits it, also past 2^32 leaves', () => {
    expect(rootPlan(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(rangeNodes(8, 11)).toEqual([
      { level: 1, index: 4 },
      { level: 0, index: 10 },
    ]);
    expect(rootPlan(2 ** 33 + 3)).toEqual([
      { level: 33, index: 0 },
      { level: 1, index: 2 ** 32 },
      { level: 0, index: 2 ** 33 + 2 },
    ]);
  });

  it('matches the RFC definitions for every size up to 40: roots, audit paths and consistency proofs', () => {
    const leaves = data(40);
    const tree = treeOf(leaves);
    for (let n = 1; n <= 40; n++) {
      const prefix = leaves.slice(0, n);
      const root = reference.mth(prefix);
      expect(tree.root(n).equals(root)).toBe(true);
      for (let i = 0; i < n; i++) {
        const path = tree.inclusionProof(i, n);
        expect(hex(path)).toEqual(hex(reference.path(i, prefix)));
        expect(verifyInclusion(tree.leaf(i), i, n, path, root)).toBe(true);
      }
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(hex(proof)).toEqual(hex(reference.proof(m, prefix)));
        expect(verifyConsistency(m, n, tree.root(m), root, proof)).toBe(true);
      }
    }
  });

  it('refuses every audit path that does not belong: another leaf, index, size, root, or one hash changed, dropped or added', () => {
    const tree = treeOf(data(20));
    for (let n = 1; n <= 20; n++) {
      const root = tree.root(n);
      for (let i = 0; i < n; i++) {
        const path = tree.inclusionProof(i, n);
        const leaf = tree.leaf(i);
        expect(verifyInclusion(flipped(leaf), i, n, path, root)).toBe(false);
        expect(verifyInclusion(leaf, i, n, path, flipped(root))).toBe(false);
        if (n > 1) expect(verifyInclusion(leaf, (i + 1) % n, n, path, root)).toBe(false);
        // A size and its root come together from one checkpoint: the root of another size never fits.
        if (n < 20) expect(verifyInclusion(leaf, i, n + 1, path, tree.root(n + 1))).toBe(false);
        expect(verifyInclusion(leaf, i, n, [...path, Buffer.alloc(32)], root)).toBe(false);
        path.forEach((_, j) => {
          expect(
            verifyInclusion(
              leaf,
              i,
              n,
              path.map((h, k) => (k === j ? flipped(h) : h)),
              root,
            ),
          ).toBe(false);
          expect(
            verifyInclusion(
              leaf,
              i,
              n,
              path.filter((_h, k) => k !== j),
              root,
            ),
          ).toBe(false);
        });
      }
      expect(verifyInclusion(tree.leaf(0), n, n, [], root)).toBe(false);
    }
  });

  it('refuses every consistency proof that does not belong: other roots or sizes, or one hash changed or dropped', () => {
    const tree = treeOf(data(20));
    for (let n = 1; n <= 20; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        const [oldRoot, newRoot] = [tree.root(m), tree.root(n)];
        expect(verifyConsistency(m, n, flipped(oldRoot), newRoot, proof)).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, flipped(newRoot), proof)).toBe(false);
        if (m < n) expect(verifyConsistency(m + 1, n, tree.root(m + 1), newRoot, proof)).toBe(m + 1 === n && proof.length === 0);
        proof.forEach((_, j) => {
          expect(
            verifyConsistency(
              m,
              n,
              oldRoot,
              newRoot,
              proof.map((h, k) => (k === j ? flipped(h) : h)),
            ),
          ).toBe(false);
          expect(
            verifyConsistency(
              m,
              n,
              oldRoot,
              newRoot,
              proof.filter((_h, k) => k !== j),
            ),
          ).toBe(false);
        });
      }
    }
    expect(verifyConsistency(0, 3, EMPTY_ROOT, tree.root(3), [])).toBe(false);
    expect(verifyConsistency(4, 3, tree.root(3), tree.root(3), [])).toBe(false);
  });

  it('grows from a stored edge: the frontier completes the same subtrees and roots as the whole tree', () => {
    const leaves = data(37).map(leafHash);
    const tree = new MemoryTree();
    let frontier = new TreeFrontier();
    const completed = new Map<string, string>();
    leaves.forEach((leaf, i) => {
      for (const node of frontier.append(leaf)) completed.set(`${node.level}:${node.index}`, node.hash.toString('hex'));
      tree.append(leaf);
      expect(frontier.root().equals(tree.root())).toBe(true);
      // Restarted from the stored subtrees of its edge, as a projection does for each batch.
      if (i % 5 === 0)
        frontier = new TreeFrontier(
          tree.size,
          rootPlan(tree.size).map((n) => Buffer.from(completed.get(`${n.level}:${n.index}`)!, 'hex')),
        );
    });
    for (const [key, hash] of completed) {
      const [level, index] = key.split(':').map(Number);
      expect(tree.node({ level, index }).toString('hex')).toBe(hash);
    }
    // Every perfect subtree of 37 leaves: 37 + 18 + 9 + 4 + 2 + 1.
    expect(completed.size).toBe(71);
    expect(() => new TreeFrontier(5, [])).toThrow(/2 edge subtrees/);
  });

  it('plans proofs from stored subtrees only, a few dozen even for a billion leaves', () => {
    const plan = inclusionPlan(123_456_789, 1_000_000_007);
    expect(plan.length).toBe(30);
    expect(plan.flat().length).toBeLessThan(64);
    expect(consistencyPlan(999_999_937, 1_000_000_007).flat().length).toBeLessThan(64);
    expect(foldNodes([])).toEqual(EMPTY_ROOT);
    expect(() => inclusionPlan(5, 5)).toThrow(RangeError);
    expect(() => consistencyPlan(0, 5)).toThrow(RangeError);
  });
});

describe('batch proofs', () => {
  it('give the root and every audit path of a small tree, as the growing tree does', () => {
    for (let n = 1; n <= 40; n++) {
      const leaves = Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`append ${i}`)));
      const tree = new MemoryTree();
      leaves.forEach((leaf) => tree.append(leaf));
      const { root, paths } = batchProofs(leaves);
      expect(root.equals(tree.root())).toBe(true);
      paths.forEach((path, i) => {
        expect(path.map((h) => h.toString('hex'))).toEqual(tree.inclusionProof(i).map((h) => h.toString('hex')));
        expect(verifyInclusion(leaves[i], i, n, path, root)).toBe(true);
      });
    }
  });
});
