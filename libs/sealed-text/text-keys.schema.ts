import { Migration } from '../database/migration';

/**
 * One key per subject (a case, a subsidy, an activity) and tenant. Erasure deletes the key (the
 * row stays, so that nothing is sealed for that subject again and the erasure can be shown);
 * a legal hold blocks it. Not an event table: this is the one place where deleting is the point.
 */
export const textKeyMigrations: Migration[] = [
  {
    id: '0992_sealed_text_keys',
    sql: `
create table sealed_text_keys (
  key_id          uuid primary key,
  tenant_id       text not null,
  subject         text not null,
  key             bytea,
  created_at      timestamptz not null default now(),
  erased_at       timestamptz,
  erased_by       text,
  hold_reason     text,
  hold_by         text,
  hold_since      timestamptz,
  constraint sealed_text_keys_subject_key unique (tenant_id, subject),
  constraint sealed_text_keys_erased check ((key is null) = (erased_at is not null))
);
`,
  },
];
