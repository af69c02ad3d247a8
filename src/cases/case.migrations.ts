import { Migration } from '../../libs/database/migration';

export const caseMigrations: Migration[] = [
  {
    id: '0400_case_lists',
    sql: `
create table case_approvals (
  tenant_id      text not null,
  approval_id    text not null,
  case_ref       text not null,
  sozialraum_id  text not null,
  legal_basis    text not null,
  rate_type      text not null,
  provider_ids   text[] not null,
  start_date     date not null,
  end_date       date,
  bescheid_date  date not null,
  in_budget      boolean not null,
  status         text not null,
  version        integer not null,
  primary key (tenant_id, approval_id)
);
create index case_approvals_sozialraum on case_approvals (tenant_id, sozialraum_id, approval_id);
create index case_approvals_providers on case_approvals using gin (provider_ids);

create table case_invoices (
  tenant_id       text not null,
  invoice_id      text not null,
  case_ref        text not null,
  approval_id     text not null,
  sozialraum_id   text not null,
  provider_id     text not null,
  service_month   text not null,
  amount          numeric(14, 2) not null,
  invoice_number  text not null,
  status          text not null,
  first_verifier  text,
  submitted_at    timestamptz not null,
  primary key (tenant_id, invoice_id)
);
create index case_invoices_queue on case_invoices (tenant_id, status, submitted_at, invoice_id);
create index case_invoices_provider on case_invoices (tenant_id, provider_id, invoice_id);
`,
  },
  {
    // An XRechnung as received, keyed by its SHA-256 per tenant: the InvoiceSubmitted event names
    // the hash, the document itself stays out of the event stream.
    id: '0401_case_invoice_documents',
    sql: `
create table case_invoice_documents (
  tenant_id    text not null,
  sha256       text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  syntax       text not null check (syntax in ('UBL', 'CII')),
  xml          text not null,
  received_at  timestamptz not null default now(),
  primary key (tenant_id, sha256)
);
`,
  },
];
