import { Migration } from '../database/migration';

export const rateLimitMigrations: Migration[] = [
  {
    // Counting windows shared by every API process on the database, so that limits hold across
    // replicas behind a proxy. Kept beside the log; stale windows are swept.
    id: '0060_rate_limit_windows',
    sql: `
create unlogged table rate_limit_windows (
  key         text primary key,
  window_ends timestamptz not null,
  hits        integer not null
);
create index rate_limit_windows_ends on rate_limit_windows (window_ends);
`,
  },
];
