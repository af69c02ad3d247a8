/** Transparency-log building blocks: RFC 9162 Merkle trees and proofs, C2SP signed notes and checkpoints. */
export * from './merkle';
export * from './tree';
export * from './signed-note';
export * from './checkpoint';
