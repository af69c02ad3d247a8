import { Migration } from '../../database/migration';

export const auditChainMigrations: Migration[] = [
  {
    id: '0003_audit_chain',
    sql: `
create table es_audit_chain (
  chain_index     bigint primary key,
  global_position bigint not null unique,
  event_id        uuid not null,
  event_hash      text not null,
  chain_hash      text not null,
  chained_at      timestamptz not null default now()
);
create table es_audit_seals (
  chain_index  bigint primary key,
  chain_hash   text not null,
  sealed_at    timestamptz not null,
  signature    text not null
);
`,
  },
  {
    // One Merkle tree per tenant over its events in commit order (RFC 9162): the leaves, every
    // perfect subtree above them, each tree's size, what its newest checkpoint covers and how far
    // the signer has looked for closes, and the checkpoints due at closes until they are signed.
    id: '0006_audit_merkle_tree',
    sql: `
create table es_audit_trees (
  tenant_id          text primary key,
  size               bigint not null check (size >= 0),
  checkpointed_size  bigint not null default 0,
  checkpointed_at    timestamptz,
  closes_scanned     bigint not null default 0
);
create table es_audit_leaves (
  tenant_id       text not null,
  leaf_index      bigint not null,
  global_position bigint not null unique,
  event_type      text not null,
  recorded_at     timestamptz not null,
  leaf_hash       bytea not null check (octet_length(leaf_hash) = 32),
  primary key (tenant_id, leaf_index)
);
create table es_audit_nodes (
  tenant_id  text not null,
  level      smallint not null check (level > 0),
  node_index bigint not null,
  hash       bytea not null check (octet_length(hash) = 32),
  primary key (tenant_id, level, node_index)
);
create table es_audit_checkpoints_due (
  tenant_id  text not null,
  tree_size  bigint not null,
  kind       text not null,
  occasion   jsonb not null,
  due_since  timestamptz not null default now(),
  primary key (tenant_id, tree_size, kind)
);
`,
  },
];
