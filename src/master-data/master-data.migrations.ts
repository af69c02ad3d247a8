import { Migration } from '../../libs/database/migration';

export const masterDataMigrations: Migration[] = [
  {
    id: '0150_master_data_lists',
    sql: `
create table md_sozialraeume (
  tenant_id           text not null,
  sozialraum_id       text not null,
  name                text not null,
  residents           integer,
  residents_under_21  integer,
  valid_from          date not null,
  lead_provider_id    text,
  member_provider_ids text[] not null default '{}',
  version             integer not null,
  primary key (tenant_id, sozialraum_id)
);
create table md_providers (
  tenant_id    text not null,
  provider_id  text not null,
  name         text not null,
  legal_form   text not null,
  version      integer not null,
  primary key (tenant_id, provider_id)
);
`,
  },
  {
    // The list shows the Trägerverbund with the latest effective date, whatever the order of recording.
    id: '0151_master_data_verbund_effective_from',
    sql: `alter table md_sozialraeume add column verbund_effective_from date;`,
  },
];
