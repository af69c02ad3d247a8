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
];
