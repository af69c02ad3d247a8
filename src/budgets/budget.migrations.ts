import { Migration } from '../../libs/database/migration';

export const budgetMigrations: Migration[] = [
  {
    id: '0200_budget_summaries',
    sql: `
create table budget_summaries (
  tenant_id       text not null,
  sozialraum_id   text not null,
  fiscal_year     integer not null,
  status          text not null,
  planned_fs      numeric(14, 2) not null,
  planned_fue     numeric(14, 2) not null,
  planned_fu      numeric(14, 2) not null,
  frozen_fue      boolean not null default false,
  frozen_fu       boolean not null default false,
  open_proposals  integer not null default 0,
  version         integer not null,
  updated_at      timestamptz not null,
  primary key (tenant_id, sozialraum_id, fiscal_year)
);
create index budget_summaries_year on budget_summaries (tenant_id, fiscal_year, sozialraum_id);
`,
  },
];
