import { Migration } from '../../libs/database/migration';

export const ledgerMigrations: Migration[] = [
  {
    id: '0100_ledger_journal',
    sql: `
create table ledger_entries (
  event_id        uuid not null,
  line            integer not null,
  global_position bigint not null,
  tenant_id       text not null,
  stream_id       text not null,
  event_type      text not null,
  sozialraum_id   text not null,
  fiscal_year     integer not null,
  category        text,
  in_budget       boolean not null,
  out_of_budget_reason text,
  provider_id     text,
  source_kind     text not null,
  source_id       text not null,
  case_ref        text,
  month           text not null,
  measure         text not null check (measure in ('forecast', 'actual', 'revenue')),
  amount          numeric(14, 2) not null,
  business_date   date not null,
  recorded_at     timestamptz not null,
  primary key (event_id, line)
);
create index ledger_entries_year on ledger_entries (tenant_id, sozialraum_id, fiscal_year, category, measure);
create index ledger_entries_provider on ledger_entries (tenant_id, provider_id, fiscal_year);
create index ledger_entries_source on ledger_entries (tenant_id, source_kind, source_id);
`,
  },
];
