export interface Migration {
  /** Sortable, unique id; applied in ascending order, each exactly once. */
  id: string;
  sql: string;
}
