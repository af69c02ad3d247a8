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
  {
    // The list shows the version in force today, which a projection cannot know (rebuilds replay
    // old events on a later day): every version of the facts and of the Trägerverbund is kept and
    // the one in force is chosen when the list is read. The list projection replays from the start
    // to fill the version tables.
    id: '0152_master_data_list_versions',
    sql: `
create table md_sozialraum_versions (
  tenant_id           text not null,
  sozialraum_id       text not null,
  valid_from          date not null,
  name                text not null,
  residents           integer,
  residents_under_21  integer,
  primary key (tenant_id, sozialraum_id, valid_from)
);
create table md_verbund_versions (
  tenant_id           text not null,
  sozialraum_id       text not null,
  effective_from      date not null,
  lead_provider_id    text not null,
  member_provider_ids text[] not null default '{}',
  primary key (tenant_id, sozialraum_id, effective_from)
);
alter table md_sozialraeume
  drop column name, drop column residents, drop column residents_under_21, drop column valid_from,
  drop column lead_provider_id, drop column member_provider_ids, drop column verbund_effective_from;
truncate table md_sozialraeume, md_providers;
update es_consumers set transaction_id = '0'::xid8, global_position = 0, updated_at = now() where name = 'master-data-lists';
`,
  },
];
