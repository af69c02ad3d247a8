import { Migration } from '../../libs/database/migration';

export const finanzverfahrenMigrations: Migration[] = [
  {
    // The payment orders of every case and budget stream, with what a batch line needs from the
    // approval, the invoice and the subsidy; an index to find them, the log stays the record.
    id: '0600_finanzverfahren_orders',
    sql: `
create table fin_approvals (
  tenant_id     text not null,
  approval_id   text not null,
  case_ref      text not null,
  sozialraum_id text not null,
  legal_basis   text not null,
  primary key (tenant_id, approval_id)
);
create table fin_invoices (
  tenant_id   text not null,
  invoice_id  text not null,
  approval_id text not null,
  provider_id text not null,
  reversals   integer not null default 0,
  primary key (tenant_id, invoice_id)
);
create table fin_subsidies (
  tenant_id     text not null,
  sozialraum_id text not null,
  fiscal_year   integer not null,
  subsidy_id    text not null,
  provider_id   text not null,
  category      text not null,
  purpose       text not null,
  instalments   jsonb not null,
  primary key (tenant_id, sozialraum_id, fiscal_year, subsidy_id)
);
create table fin_orders (
  tenant_id       text not null,
  order_id        text not null,
  kind            text not null,
  provider_id     text not null,
  amount          numeric(14, 2) not null,
  due_date        date not null,
  ordered_on      date not null,
  sozialraum_id   text not null,
  fiscal_year     integer not null,
  category        text not null,
  legal_basis     text,
  reference       jsonb not null,
  global_position bigint not null,
  primary key (tenant_id, order_id)
);
create index fin_orders_by_position on fin_orders (tenant_id, global_position);
`,
  },
];
