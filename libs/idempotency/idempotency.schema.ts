import { Migration } from '../database/migration';

export const idempotencyMigrations: Migration[] = [
  {
    id: '0050_idempotency_keys',
    sql: `
create table idempotency_keys (
  tenant_id     text not null,
  key           text not null,
  user_id       text not null,
  method        text not null,
  path          text not null,
  request_hash  text not null,
  state         text not null check (state in ('in-progress', 'completed')),
  status        integer,
  response_body jsonb,
  created_at    timestamptz not null default now(),
  completed_at  timestamptz,
  primary key (tenant_id, key)
);
create index idempotency_keys_created on idempotency_keys (created_at);
`,
  },
  {
    // Keys are scoped per tenant and user: another user of the tenant sending the same key must not
    // get the first user's stored response.
    id: '0051_idempotency_keys_per_user',
    sql: `
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (tenant_id, user_id, key);
`,
  },
  {
    // Each execution of a keyed request gets a command id that its events carry in their
    // metadata, and the log head at its start: after a crash, a retry can tell whether the
    // first execution was applied (events with that command id after that position).
    id: '0052_idempotency_keys_command',
    sql: `
alter table idempotency_keys add column command_id uuid;
alter table idempotency_keys add column log_head bigint not null default 0;
`,
  },
];
