import { Migration } from '../../libs/database/migration';

export const flexibleMigrations: Migration[] = [
  {
    id: '0600_flexible_money',
    sql: `
create table flexible_subsidies (
  tenant_id      text not null,
  sozialraum_id  text not null,
  fiscal_year    integer not null,
  subsidy_id     text not null,
  seq            integer not null,
  provider_id    text not null,
  category       text not null,
  purpose        text not null,
  bescheid_date  date not null,
  status         text not null,
  total          numeric(14, 2) not null,
  granted        numeric(14, 2) not null,
  paid           numeric(14, 2) not null default 0,
  claimed        numeric(14, 2) not null default 0,
  received       numeric(14, 2) not null default 0,
  instalments    integer not null,
  updated_at     timestamptz not null,
  primary key (tenant_id, sozialraum_id, fiscal_year, subsidy_id)
);
create index flexible_subsidies_order on flexible_subsidies (tenant_id, fiscal_year, sozialraum_id, seq);
create index flexible_subsidies_provider on flexible_subsidies (tenant_id, provider_id, fiscal_year, sozialraum_id, seq);

create table flexible_activities (
  tenant_id      text not null,
  sozialraum_id  text not null,
  fiscal_year    integer not null,
  activity_id    text not null,
  seq            integer not null,
  provider_id    text not null,
  category       text not null,
  activity_date  date not null,
  description    text not null,
  status         text not null,
  requested      numeric(14, 2) not null,
  approved       numeric(14, 2),
  actual         numeric(14, 2),
  reported_on    date not null,
  decided_on     date,
  updated_at     timestamptz not null,
  primary key (tenant_id, sozialraum_id, fiscal_year, activity_id)
);
create index flexible_activities_order on flexible_activities (tenant_id, fiscal_year, sozialraum_id, seq);
create index flexible_activities_provider on flexible_activities (tenant_id, provider_id, fiscal_year, sozialraum_id, seq);
`,
  },
];
