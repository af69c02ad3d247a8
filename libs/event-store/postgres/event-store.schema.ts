import { Migration } from '../../database/migration';

/**
 * Event store tables and the append function. The append runs as one statement (one round trip,
 * its own transaction): the stream row is created or conditionally updated first, which both
 * enforces the expected version and serialises writers of one stream; then the events are
 * inserted with the transaction id taken before any position is drawn.
 */
export const eventStoreMigrations: Migration[] = [
  {
    id: '0001_event_store',
    sql: `
create table es_streams (
  stream_id   text primary key,
  tenant_id   text not null,
  version     bigint not null check (version >= 0),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table es_events (
  global_position bigint generated always as identity primary key,
  transaction_id  xid8 not null,
  event_id        uuid not null,
  stream_id       text not null,
  stream_version  bigint not null,
  tenant_id       text not null,
  type            text not null,
  schema_version  integer not null,
  data            jsonb not null,
  metadata        jsonb not null,
  business_date   date,
  recorded_at     timestamptz not null default clock_timestamp(),
  constraint es_events_event_id_key unique (event_id),
  constraint es_events_stream_version_key unique (stream_id, stream_version)
);

-- The consumers' cursor is exactly this ORDER BY key.
create index es_events_log_order on es_events (transaction_id, global_position);
create index es_events_tenant_recorded on es_events (tenant_id, recorded_at);

create table es_consumers (
  name             text primary key,
  transaction_id   xid8 not null default '0'::xid8,
  global_position  bigint not null default 0,
  status           text not null default 'live' check (status in ('live', 'rebuilding')),
  owner_id         text,
  owner_pid        integer,
  heartbeat_at     timestamptz,
  updated_at       timestamptz not null default now()
);

create function es_append(
  p_stream_id text,
  p_tenant_id text,
  p_expected text,
  p_expected_version bigint,
  p_event_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_business_dates date[]
) returns table (stream_version bigint, positions bigint[], already_stored boolean)
language plpgsql as $fn$
declare
  v_xid xid8 := pg_current_xact_id();  -- before any identity value is drawn
  v_n integer := cardinality(p_event_ids);
  v_found integer;
  v_matching integer;
  v_version bigint;
  v_actual bigint;
  v_tenant text;
begin
  select count(*) into v_found from es_events e where e.event_id = any(p_event_ids);
  if v_found > 0 then
    select count(*) into v_matching
      from unnest(p_event_ids, p_types, p_schema_versions, p_data) with ordinality as u(id, t, sv, d, ord)
      join es_events e on e.event_id = u.id
     where e.stream_id = p_stream_id and e.type = u.t and e.schema_version = u.sv and e.data = u.d;
    if v_found = v_n and v_matching = v_n then
      return query
        select max(e.stream_version), array_agg(e.global_position order by e.stream_version), true
          from es_events e where e.event_id = any(p_event_ids);
      return;
    end if;
    raise exception 'event id reused' using errcode = 'ESDUP',
      detail = (select string_agg(e.event_id::text, ',') from es_events e where e.event_id = any(p_event_ids));
  end if;

  if p_expected = 'no_stream' or (p_expected = 'exact' and p_expected_version = 0) then
    insert into es_streams as s (stream_id, tenant_id, version) values (p_stream_id, p_tenant_id, v_n)
      on conflict (stream_id) do nothing
      returning s.version into v_version;
  elsif p_expected = 'exact' then
    update es_streams s set version = s.version + v_n, updated_at = now()
     where s.stream_id = p_stream_id and s.version = p_expected_version and s.tenant_id = p_tenant_id
     returning s.version into v_version;
  elsif p_expected = 'stream_exists' then
    update es_streams s set version = s.version + v_n, updated_at = now()
     where s.stream_id = p_stream_id and s.tenant_id = p_tenant_id
     returning s.version into v_version;
  elsif p_expected = 'any' then
    insert into es_streams as s (stream_id, tenant_id, version) values (p_stream_id, p_tenant_id, v_n)
      on conflict (stream_id) do update set version = s.version + excluded.version, updated_at = now()
      where s.tenant_id = excluded.tenant_id
      returning s.version into v_version;
  else
    raise exception 'unknown expectation %', p_expected using errcode = 'ESINV';
  end if;

  if v_version is null then
    select s.version, s.tenant_id into v_actual, v_tenant from es_streams s where s.stream_id = p_stream_id;
    if v_tenant is not null and v_tenant <> p_tenant_id then
      raise exception 'stream belongs to another tenant' using errcode = 'ESTEN';
    end if;
    raise exception 'wrong expected version' using errcode = 'ESWEV', detail = coalesce(v_actual::text, '');
  end if;

  return query
    with inserted as (
      insert into es_events (transaction_id, event_id, stream_id, stream_version, tenant_id, type,
                             schema_version, data, metadata, business_date)
      select v_xid, u.id, p_stream_id, v_version - v_n + u.ord, p_tenant_id, u.t, u.sv, u.d, u.m, u.bd
        from unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_business_dates)
             with ordinality as u(id, t, sv, d, m, bd, ord)
       order by u.ord
      returning global_position
    )
    select v_version, (select array_agg(i.global_position order by i.global_position) from inserted i), false;
end
$fn$;
`,
  },
  {
    id: '0002_event_store_append_only',
    sql: `
-- Events are never edited or deleted: corrections are compensating events. The triggers stop any
-- UPDATE, DELETE or TRUNCATE through the application's role; the audit chain detects changes made
-- by anyone able to bypass them.
create function es_refuse_change() returns trigger language plpgsql as $fn$
begin
  raise exception 'es_events is append-only: % refused', tg_op using errcode = 'ESAPP';
end
$fn$;
create trigger es_events_append_only before update or delete on es_events for each row execute function es_refuse_change();
create trigger es_events_no_truncate before truncate on es_events for each statement execute function es_refuse_change();
`,
  },
  {
    id: '0004_event_store_append_retry_race',
    sql: `
-- A retry racing its original (same event ids, same stream) passes the first idempotency check
-- while the original has not committed yet and then waits for the stream row. Once it holds the
-- row, or has found the expectation violated, it looks for the ids again: stored by the original,
-- the retry answers with the original result instead of WrongExpectedVersion or a unique violation.

-- The stored result of an append of exactly these events to this stream; no row when none of the
-- ids is stored; ESDUP when some are stored, in another stream or with other content.
create function es_append_stored(
  p_stream_id text,
  p_event_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[]
) returns table (stream_version bigint, positions bigint[])
language plpgsql as $fn$
declare
  v_n integer := cardinality(p_event_ids);
  v_found integer;
  v_matching integer;
begin
  select count(*) into v_found from es_events e where e.event_id = any(p_event_ids);
  if v_found = 0 then
    return;
  end if;
  select count(*) into v_matching
    from unnest(p_event_ids, p_types, p_schema_versions, p_data) as u(id, t, sv, d)
    join es_events e on e.event_id = u.id
   where e.stream_id = p_stream_id and e.type = u.t and e.schema_version = u.sv and e.data = u.d;
  if v_found = v_n and v_matching = v_n then
    return query
      select max(e.stream_version), array_agg(e.global_position order by e.stream_version)
        from es_events e where e.event_id = any(p_event_ids);
    return;
  end if;
  raise exception 'event id reused' using errcode = 'ESDUP',
    detail = (select string_agg(e.event_id::text, ',') from es_events e where e.event_id = any(p_event_ids));
end
$fn$;

create or replace function es_append(
  p_stream_id text,
  p_tenant_id text,
  p_expected text,
  p_expected_version bigint,
  p_event_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_business_dates date[]
) returns table (stream_version bigint, positions bigint[], already_stored boolean)
language plpgsql as $fn$
declare
  v_xid xid8 := pg_current_xact_id();  -- before any identity value is drawn
  v_n integer := cardinality(p_event_ids);
  v_version bigint;
  v_actual bigint;
  v_tenant text;
  v_stored_version bigint;
  v_stored_positions bigint[];
begin
  -- A retry of a committed append: answer with the original result, write nothing.
  select s.stream_version, s.positions into v_stored_version, v_stored_positions
    from es_append_stored(p_stream_id, p_event_ids, p_types, p_schema_versions, p_data) s;
  if found then
    return query select v_stored_version, v_stored_positions, true;
    return;
  end if;

  if p_expected = 'no_stream' or (p_expected = 'exact' and p_expected_version = 0) then
    insert into es_streams as s (stream_id, tenant_id, version) values (p_stream_id, p_tenant_id, v_n)
      on conflict (stream_id) do nothing
      returning s.version into v_version;
  elsif p_expected = 'exact' then
    update es_streams s set version = s.version + v_n, updated_at = now()
     where s.stream_id = p_stream_id and s.version = p_expected_version and s.tenant_id = p_tenant_id
     returning s.version into v_version;
  elsif p_expected = 'stream_exists' then
    update es_streams s set version = s.version + v_n, updated_at = now()
     where s.stream_id = p_stream_id and s.tenant_id = p_tenant_id
     returning s.version into v_version;
  elsif p_expected = 'any' then
    insert into es_streams as s (stream_id, tenant_id, version) values (p_stream_id, p_tenant_id, v_n)
      on conflict (stream_id) do update set version = s.version + excluded.version, updated_at = now()
      where s.tenant_id = excluded.tenant_id
      returning s.version into v_version;
  else
    raise exception 'unknown expectation %', p_expected using errcode = 'ESINV';
  end if;

  if v_version is null then
    -- The expectation may have been violated by the original of this very append, committed while
    -- this one waited for the stream row (each statement here sees what has committed before it).
    select s.stream_version, s.positions into v_stored_version, v_stored_positions
      from es_append_stored(p_stream_id, p_event_ids, p_types, p_schema_versions, p_data) s;
    if found then
      return query select v_stored_version, v_stored_positions, true;
      return;
    end if;
    select s.version, s.tenant_id into v_actual, v_tenant from es_streams s where s.stream_id = p_stream_id;
    if v_tenant is not null and v_tenant <> p_tenant_id then
      raise exception 'stream belongs to another tenant' using errcode = 'ESTEN';
    end if;
    raise exception 'wrong expected version' using errcode = 'ESWEV', detail = coalesce(v_actual::text, '');
  end if;

  -- The stream row is locked now. If the original committed while this append waited for it
  -- (any, stream_exists), take the version step back and answer as a retry.
  select s.stream_version, s.positions into v_stored_version, v_stored_positions
    from es_append_stored(p_stream_id, p_event_ids, p_types, p_schema_versions, p_data) s;
  if found then
    update es_streams s set version = s.version - v_n where s.stream_id = p_stream_id;
    return query select v_stored_version, v_stored_positions, true;
    return;
  end if;

  return query
    with inserted as (
      insert into es_events (transaction_id, event_id, stream_id, stream_version, tenant_id, type,
                             schema_version, data, metadata, business_date)
      select v_xid, u.id, p_stream_id, v_version - v_n + u.ord, p_tenant_id, u.t, u.sv, u.d, u.m, u.bd
        from unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_business_dates)
             with ordinality as u(id, t, sv, d, m, bd, ord)
       order by u.ord
      returning global_position
    )
    select v_version, (select array_agg(i.global_position order by i.global_position) from inserted i), false;
end
$fn$;
`,
  },
  {
    // The check after taking the stream row is needed only where a committed original leaves the
    // expectation satisfied (any, stream_exists); the aggregates' exact-version appends skip it.
    id: '0005_event_store_append_lock_check',
    sql: `
create or replace function es_append(
  p_stream_id text,
  p_tenant_id text,
  p_expected text,
  p_expected_version bigint,
  p_event_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_business_dates date[]
) returns table (stream_version bigint, positions bigint[], already_stored boolean)
language plpgsql as $fn$
declare
  v_xid xid8 := pg_current_xact_id();  -- before any identity value is drawn
  v_n integer := cardinality(p_event_ids);
  v_version bigint;
  v_actual bigint;
  v_tenant text;
  v_stored_version bigint;
  v_stored_positions bigint[];
begin
  -- A retry of a committed append: answer with the original result, write nothing. Counted
  -- inline (an index probe per id); the full comparison runs only when an id is stored.
  if (select count(*) from es_events e where e.event_id = any(p_event_ids)) > 0 then
    select s.stream_version, s.positions into v_stored_version, v_stored_positions
      from es_append_stored(p_stream_id, p_event_ids, p_types, p_schema_versions, p_data) s;
    if found then
      return query select v_stored_version, v_stored_positions, true;
      return;
    end if;
  end if;

  if p_expected = 'no_stream' or (p_expected = 'exact' and p_expected_version = 0) then
    insert into es_streams as s (stream_id, tenant_id, version) values (p_stream_id, p_tenant_id, v_n)
      on conflict (stream_id) do nothing
      returning s.version into v_version;
  elsif p_expected = 'exact' then
    update es_streams s set version = s.version + v_n, updated_at = now()
     where s.stream_id = p_stream_id and s.version = p_expected_version and s.tenant_id = p_tenant_id
     returning s.version into v_version;
  elsif p_expected = 'stream_exists' then
    update es_streams s set version = s.version + v_n, updated_at = now()
     where s.stream_id = p_stream_id and s.tenant_id = p_tenant_id
     returning s.version into v_version;
  elsif p_expected = 'any' then
    insert into es_streams as s (stream_id, tenant_id, version) values (p_stream_id, p_tenant_id, v_n)
      on conflict (stream_id) do update set version = s.version + excluded.version, updated_at = now()
      where s.tenant_id = excluded.tenant_id
      returning s.version into v_version;
  else
    raise exception 'unknown expectation %', p_expected using errcode = 'ESINV';
  end if;

  if v_version is null then
    -- The expectation may have been violated by the original of this very append, committed while
    -- this one waited for the stream row (each statement here sees what has committed before it).
    select s.stream_version, s.positions into v_stored_version, v_stored_positions
      from es_append_stored(p_stream_id, p_event_ids, p_types, p_schema_versions, p_data) s;
    if found then
      return query select v_stored_version, v_stored_positions, true;
      return;
    end if;
    select s.version, s.tenant_id into v_actual, v_tenant from es_streams s where s.stream_id = p_stream_id;
    if v_tenant is not null and v_tenant <> p_tenant_id then
      raise exception 'stream belongs to another tenant' using errcode = 'ESTEN';
    end if;
    raise exception 'wrong expected version' using errcode = 'ESWEV', detail = coalesce(v_actual::text, '');
  end if;

  -- The stream row is locked now. If the original committed while this append waited for it
  -- (any, stream_exists), take the version step back and answer as a retry. With no_stream or an
  -- exact version the original would have moved the version, so that case went the way above.
  if p_expected in ('any', 'stream_exists') then
    select s.stream_version, s.positions into v_stored_version, v_stored_positions
      from es_append_stored(p_stream_id, p_event_ids, p_types, p_schema_versions, p_data) s;
    if found then
      update es_streams s set version = s.version - v_n where s.stream_id = p_stream_id;
      return query select v_stored_version, v_stored_positions, true;
      return;
    end if;
  end if;

  return query
    with inserted as (
      insert into es_events (transaction_id, event_id, stream_id, stream_version, tenant_id, type,
                             schema_version, data, metadata, business_date)
      select v_xid, u.id, p_stream_id, v_version - v_n + u.ord, p_tenant_id, u.t, u.sv, u.d, u.m, u.bd
        from unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_business_dates)
             with ordinality as u(id, t, sv, d, m, bd, ord)
       order by u.ord
      returning global_position
    )
    select v_version, (select array_agg(i.global_position order by i.global_position) from inserted i), false;
end
$fn$;
`,
  },
  {
    // The application's database role (sozialraum_app) appends only through es_append: it may read
    // the event tables but neither INSERT, UPDATE, DELETE nor TRUNCATE them; es_append runs with
    // the rights of the schema owner. Every other table (read models, consumer checkpoints, the
    // audit tree) it may write. Late in the id order so that it sees every table of the product;
    // tables of later migrations get the same rights by default. Where the migrating user may not
    // create roles, the role is left to the operator (docs/operations.md) and nothing is granted.
    id: '0990_event_store_application_role',
    sql: `
do $do$
begin
  if not exists (select 1 from pg_roles where rolname = 'sozialraum_app') then
    begin
      create role sozialraum_app nologin;
    exception
      when duplicate_object then null;
      when insufficient_privilege then
        raise notice 'role sozialraum_app not created (no CREATEROLE): create it and run the grants of docs/operations.md';
    end;
  end if;
  alter function es_append(text, text, text, bigint, uuid[], text[], integer[], jsonb[], jsonb[], date[])
    security definer set search_path = public, pg_temp;
  alter function es_append_stored(text, uuid[], text[], integer[], jsonb[])
    security definer set search_path = public, pg_temp;
  if exists (select 1 from pg_roles where rolname = 'sozialraum_app') then
    grant usage on schema public to sozialraum_app;
    grant select, insert, update, delete, truncate on all tables in schema public to sozialraum_app;
    grant usage, select on all sequences in schema public to sozialraum_app;
    revoke insert, update, delete, truncate on es_events, es_streams, schema_migrations from sozialraum_app;
    grant execute on function es_append(text, text, text, bigint, uuid[], text[], integer[], jsonb[], jsonb[], date[]) to sozialraum_app;
    grant execute on function es_append_stored(text, uuid[], text[], integer[], jsonb[]) to sozialraum_app;
    alter default privileges in schema public grant select, insert, update, delete, truncate on tables to sozialraum_app;
    alter default privileges in schema public grant usage, select on sequences to sozialraum_app;
  end if;
end
$do$;
`,
  },
  {
    // Every append carries the application's signature over what it appends (audit/append-signature.ts),
    // stored on each of its rows; the leaf of an event commits to it. Rows from before have none.
    // The function takes it as one more argument, so the old one (without) is dropped.
    id: '0991_event_store_append_signature',
    sql: `
alter table es_events add column append_signature text;

drop function es_append(text, text, text, bigint, uuid[], text[], integer[], jsonb[], jsonb[], date[]);

create function es_append(
  p_stream_id text,
  p_tenant_id text,
  p_expected text,
  p_expected_version bigint,
  p_event_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_business_dates date[],
  p_signature text
) returns table (stream_version bigint, positions bigint[], already_stored boolean)
language plpgsql security definer set search_path = public, pg_temp as $fn$
declare
  v_xid xid8 := pg_current_xact_id();  -- before any identity value is drawn
  v_n integer := cardinality(p_event_ids);
  v_version bigint;
  v_actual bigint;
  v_tenant text;
  v_stored_version bigint;
  v_stored_positions bigint[];
begin
  -- A retry of a committed append: answer with the original result, write nothing. Counted
  -- inline (an index probe per id); the full comparison runs only when an id is stored.
  if (select count(*) from es_events e where e.event_id = any(p_event_ids)) > 0 then
    select s.stream_version, s.positions into v_stored_version, v_stored_positions
      from es_append_stored(p_stream_id, p_event_ids, p_types, p_schema_versions, p_data) s;
    if found then
      return query select v_stored_version, v_stored_positions, true;
      return;
    end if;
  end if;

  if p_expected = 'no_stream' or (p_expected = 'exact' and p_expected_version = 0) then
    insert into es_streams as s (stream_id, tenant_id, version) values (p_stream_id, p_tenant_id, v_n)
      on conflict (stream_id) do nothing
      returning s.version into v_version;
  elsif p_expected = 'exact' then
    update es_streams s set version = s.version + v_n, updated_at = now()
     where s.stream_id = p_stream_id and s.version = p_expected_version and s.tenant_id = p_tenant_id
     returning s.version into v_version;
  elsif p_expected = 'stream_exists' then
    update es_streams s set version = s.version + v_n, updated_at = now()
     where s.stream_id = p_stream_id and s.tenant_id = p_tenant_id
     returning s.version into v_version;
  elsif p_expected = 'any' then
    insert into es_streams as s (stream_id, tenant_id, version) values (p_stream_id, p_tenant_id, v_n)
      on conflict (stream_id) do update set version = s.version + excluded.version, updated_at = now()
      where s.tenant_id = excluded.tenant_id
      returning s.version into v_version;
  else
    raise exception 'unknown expectation %', p_expected using errcode = 'ESINV';
  end if;

  if v_version is null then
    -- The expectation may have been violated by the original of this very append, committed while
    -- this one waited for the stream row (each statement here sees what has committed before it).
    select s.stream_version, s.positions into v_stored_version, v_stored_positions
      from es_append_stored(p_stream_id, p_event_ids, p_types, p_schema_versions, p_data) s;
    if found then
      return query select v_stored_version, v_stored_positions, true;
      return;
    end if;
    select s.version, s.tenant_id into v_actual, v_tenant from es_streams s where s.stream_id = p_stream_id;
    if v_tenant is not null and v_tenant <> p_tenant_id then
      raise exception 'stream belongs to another tenant' using errcode = 'ESTEN';
    end if;
    raise exception 'wrong expected version' using errcode = 'ESWEV', detail = coalesce(v_actual::text, '');
  end if;

  -- The stream row is locked now. If the original committed while this append waited for it
  -- (any, stream_exists), take the version step back and answer as a retry. With no_stream or an
  -- exact version the original would have moved the version, so that case went the way above.
  if p_expected in ('any', 'stream_exists') then
    select s.stream_version, s.positions into v_stored_version, v_stored_positions
      from es_append_stored(p_stream_id, p_event_ids, p_types, p_schema_versions, p_data) s;
    if found then
      update es_streams s set version = s.version - v_n where s.stream_id = p_stream_id;
      return query select v_stored_version, v_stored_positions, true;
      return;
    end if;
  end if;

  return query
    with inserted as (
      insert into es_events (transaction_id, event_id, stream_id, stream_version, tenant_id, type,
                             schema_version, data, metadata, business_date, append_signature)
      select v_xid, u.id, p_stream_id, v_version - v_n + u.ord, p_tenant_id, u.t, u.sv, u.d, u.m, u.bd, p_signature
        from unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_business_dates)
             with ordinality as u(id, t, sv, d, m, bd, ord)
       order by u.ord
      returning global_position
    )
    select v_version, (select array_agg(i.global_position order by i.global_position) from inserted i), false;
end
$fn$;

do $do$
begin
  if exists (select 1 from pg_roles where rolname = 'sozialraum_app') then
    grant execute on function es_append(text, text, text, bigint, uuid[], text[], integer[], jsonb[], jsonb[], date[], text) to sozialraum_app;
  end if;
end
$do$;
`,
  },
];
