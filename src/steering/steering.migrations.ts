import { Migration } from '../../libs/database/migration';
import { timelineChangeColumns } from './projections/timeline-change-rows';

export const steeringMigrations: Migration[] = [
  {
    id: '0500_steering',
    sql: `
create table steering_watch_index (
  tenant_id     text not null,
  sozialraum_id text not null,
  fiscal_year   integer not null,
  stream_id     text not null,
  primary key (tenant_id, sozialraum_id, fiscal_year, stream_id)
);

create table utilisation_cells (
  tenant_id     text not null,
  sozialraum_id text not null,
  fiscal_year   integer not null,
  scope         text not null,    -- 'budget' or the out-of-budget reason
  category      text not null,
  provider_id   text not null,
  month         text not null,
  forecast      numeric(14, 2) not null default 0,
  actual        numeric(14, 2) not null default 0,
  primary key (tenant_id, sozialraum_id, fiscal_year, scope, category, provider_id, month)
);

create table utilisation_planned (
  tenant_id     text not null,
  sozialraum_id text not null,
  fiscal_year   integer not null,
  category      text not null,
  planned       numeric(14, 2) not null,
  primary key (tenant_id, sozialraum_id, fiscal_year, category)
);

create table utilisation_revenue (
  tenant_id     text not null,
  sozialraum_id text not null,
  fiscal_year   integer not null,
  kind          text not null,
  month         text not null,
  amount        numeric(14, 2) not null default 0,
  primary key (tenant_id, sozialraum_id, fiscal_year, kind, month)
);

create table steering_notifications (
  event_id      uuid primary key,
  global_position bigint not null,
  tenant_id     text not null,
  sozialraum_id text not null,
  fiscal_year   integer not null,
  type          text not null,
  business_date date not null,
  recorded_at   timestamptz not null,
  summary       text not null,
  data          jsonb not null
);
create index steering_notifications_list on steering_notifications (tenant_id, business_date desc, global_position desc);
`,
  },
  {
    // Sozialraum-years whose thresholds wait to be evaluated until the threshold watch has read
    // as far as the steering stream's newest event (see ThresholdWatch).
    id: '0510_steering_watch_pending',
    sql: `
create table steering_watch_pending (
  tenant_id      text not null,
  sozialraum_id  text not null,
  fiscal_year    integer not null,
  cause_event_id uuid not null,
  cause_business_date text,
  cause_correlation_id text not null,
  primary key (tenant_id, sozialraum_id, fiscal_year)
);
`,
  },
  {
    // The forecast timeline of every Sozialraum-year as a read model (ForecastTimelineProjection).
    id: '0520_forecast_timeline',
    sql: `
create table forecast_timeline_streams (
  tenant_id     text not null,
  sozialraum_id text not null,
  fiscal_year   integer not null,
  stream_id     text not null,
  primary key (tenant_id, sozialraum_id, fiscal_year, stream_id)
);

create table forecast_timeline_entries (
  tenant_id     text not null,
  sozialraum_id text not null,
  fiscal_year   integer not null,
  seq           integer not null,
  business_date text not null,
  entry         jsonb not null,
  primary key (tenant_id, sozialraum_id, fiscal_year, seq)
);
`,
  },
  {
    // Payment orders (Anordnungen) per category and month of the order, for the
    // Haushaltsüberwachungsliste from the read model; the utilisation projection replays from the
    // start to fill it for events it has already read.
    id: '0530_utilisation_orders',
    sql: `
create table utilisation_orders (
  tenant_id     text not null,
  sozialraum_id text not null,
  fiscal_year   integer not null,
  category      text not null,
  month         text not null,
  amount        numeric(14, 2) not null default 0,
  primary key (tenant_id, sozialraum_id, fiscal_year, category, month)
);
truncate table utilisation_cells, utilisation_planned, utilisation_revenue;
update es_consumers set transaction_id = '0'::xid8, global_position = 0, updated_at = now() where name = 'utilisation';
`,
  },
  {
    // Timelines from compact change rows instead of re-reading a year's events on every batch:
    // the threshold watch and the forecast timeline each keep their own rows and replay once.
    id: '0540_timeline_changes',
    sql: `
drop table steering_watch_index;
drop table forecast_timeline_streams;
drop table forecast_timeline_entries;
create table steering_watch_changes (${timelineChangeColumns});
create table forecast_timeline_changes (${timelineChangeColumns});
truncate table steering_watch_pending;
update es_consumers set transaction_id = '0'::xid8, global_position = 0, updated_at = now() where name in ('threshold-watch', 'forecast-timeline');
`,
  },
  {
    // Not a projection: what a user has read is the user's own state, not derived from the log,
    // and survives a rebuild. Positions are log positions, which a rebuild does not change.
    id: '0550_notification_read_marks',
    sql: `
create table steering_notification_read_marks (
  tenant_id   text not null,
  user_id     text not null,
  read_up_to  bigint not null,
  read_at     timestamptz not null,
  primary key (tenant_id, user_id)
);
create index steering_notifications_unread on steering_notifications (tenant_id, global_position);
`,
  },
  {
    // Delivered notifications. Subscriptions are configuration beside the log (their addresses are
    // never event data). The notification-outbox consumer writes, in the transaction of its
    // checkpoint, one outbox row per notification and subscription (derived from the log and
    // rebuilt with it) and its delivery row (pending); the dispatcher works the delivery rows.
    // The delivery state is no read model: a rebuild replays the outbox and keeps what was sent.
    id: '0560_notification_delivery',
    sql: `
create table notification_subscriptions (
  subscription_id uuid primary key,
  tenant_id       text not null,
  channel         text not null check (channel in ('email', 'webhook')),
  target          text not null,
  role            text not null,
  sozialraum_id   text,
  types           text[] not null,
  secret          text,
  created_at      timestamptz not null default now()
);
create index notification_subscriptions_tenant on notification_subscriptions (tenant_id, created_at);

create table notification_outbox (
  notification_id uuid primary key,
  tenant_id       text not null,
  subscription_id uuid not null,
  event_id        uuid not null,
  global_position bigint not null,
  channel         text not null,
  recorded_at     timestamptz not null,
  payload         jsonb not null
);

create table notification_deliveries (
  notification_id uuid primary key,
  tenant_id       text not null,
  status          text not null default 'pending' check (status in ('pending', 'sent', 'dead')),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error      text,
  last_attempt_at timestamptz,
  sent_at         timestamptz
);
create index notification_deliveries_due on notification_deliveries (next_attempt_at) where status = 'pending';
create index notification_deliveries_dead on notification_deliveries (tenant_id) where status = 'dead';
`,
  },
  {
    // A subscription can be ended: it then receives nothing more, and what was still pending for
    // it is cancelled rather than sent or left to die.
    id: '0570_notification_subscription_ending',
    sql: `
alter table notification_subscriptions add column ended_at timestamptz, add column end_reason text;
alter table notification_deliveries drop constraint notification_deliveries_status_check,
  add constraint notification_deliveries_status_check check (status in ('pending', 'sent', 'dead', 'cancelled'));
`,
  },
];
