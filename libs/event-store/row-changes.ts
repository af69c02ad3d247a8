import { EntityManager } from 'typeorm';

/**
 * What a projection does to its tables, as data: a pure function turns events into row changes
 * (unit-tested without a database), and `writeRowChanges` applies them through the batch's
 * EntityManager, so they commit together with the consumer's checkpoint.
 *
 * A read model is described by the type of each table's rows, keyed by table name, with the
 * column names of the table (columns with a default may be optional):
 *
 *   type BudgetTables = { budget_summaries: { tenant_id: string; open_proposals?: number; ... } };
 *   const change: RowChange<BudgetTables> = { kind: 'update', table: 'budget_summaries', where: {...}, set: { open_proposals: add(1) } };
 */

/** A column value as node-postgres sends it (numeric amounts as decimal strings, never JS numbers). */
export type Cell = string | number | boolean | Date | null | readonly string[];

/** A change of a column relative to what the row holds when the statement runs. */
export class RelativeChange {
  constructor(
    readonly op: 'add' | 'subtract' | 'append-distinct',
    readonly value: string | number,
  ) {}
}

/** column = column + value */
export const add = (value: string | number) => new RelativeChange('add', value);
/** column = column - value */
export const subtract = (value: string | number) => new RelativeChange('subtract', value);
/** Appends the value to an array column unless it holds it already. */
export const appendDistinct = (value: string) => new RelativeChange('append-distinct', value);

type Assignments<R> = { [C in keyof R]?: R[C] | RelativeChange };

export type TableChange<T extends string, R> =
  /** Inserts the row; on a row with the same key either nothing happens ('ignore') or the batch fails ('fail'). */
  | { kind: 'insert'; table: T; row: R; onConflict: 'ignore' | 'fail' }
  /**
   * Inserts the row or, when a row with its key exists, sets that row's other columns to the given
   * values ('replace') or adds the given values to them ('add').
   */
  | { kind: 'upsert'; table: T; row: R; key: readonly (keyof R & string)[]; onConflict: 'replace' | 'add' }
  /** Sets columns of the rows that match `where` (every column equal); no row matching is no change. */
  | { kind: 'update'; table: T; where: Partial<R>; set: Assignments<R> };

export type RowChange<Tables> = { [T in keyof Tables & string]: TableChange<T, Tables[T]> }[keyof Tables & string];

export interface Statement {
  sql: string;
  parameters: unknown[];
}

/** The wire protocol numbers parameters with 16 bits; a multi-row insert stays below that. */
export const MAX_PARAMETERS = 65535;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  // Names come from the projections' code, never from events; the check keeps it that way.
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

type AnyChange = TableChange<string, Record<string, unknown>>;
type Insert = Extract<AnyChange, { kind: 'insert' }>;

function presentColumns(row: Record<string, unknown>): string[] {
  return Object.keys(row).filter((column) => row[column] !== undefined);
}

function insertStatement(table: string, columns: string[], rows: Record<string, unknown>[], suffix: string): Statement {
  const parameters: unknown[] = [];
  const values = rows.map((row) => `(${columns.map((column) => (parameters.push(row[column]), `$${parameters.length}`)).join(', ')})`);
  return { sql: `insert into ${identifier(table)} (${columns.map(identifier).join(', ')}) values ${values.join(', ')}${suffix}`, parameters };
}

function upsertStatement(change: Extract<AnyChange, { kind: 'upsert' }>): Statement {
  const columns = presentColumns(change.row);
  const key = change.key.map(identifier);
  const others = columns.filter((column) => !change.key.includes(column));
  const table = identifier(change.table);
  const set = others.map((column) =>
    change.onConflict === 'add'
      ? `${identifier(column)} = ${table}.${identifier(column)} + excluded.${identifier(column)}`
      : `${identifier(column)} = excluded.${identifier(column)}`,
  );
  const action = set.length ? `do update set ${set.join(', ')}` : 'do nothing';
  return insertStatement(change.table, columns, [change.row], ` on conflict (${key.join(', ')}) ${action}`);
}

function updateStatement(change: Extract<AnyChange, { kind: 'update' }>): Statement | null {
  const parameters: unknown[] = [];
  const parameter = (value: unknown) => (parameters.push(value), `$${parameters.length}`);
  const set = presentColumns(change.set).map((name) => {
    const column = identifier(name);
    const value = change.set[name];
    if (!(value instanceof RelativeChange)) return `${column} = ${parameter(value)}`;
    const p = parameter(value.value);
    if (value.op === 'add') return `${column} = ${column} + ${p}`;
    if (value.op === 'subtract') return `${column} = ${column} - ${p}`;
    return `${column} = case when ${p} = any(${column}) then ${column} else ${column} || ${p} end`;
  });
  if (!set.length) return null;
  const where = presentColumns(change.where).map((column) => `${identifier(column)} = ${parameter(change.where[column])}`);
  if (!where.length) throw new Error(`an update of ${change.table} names no row`);
  return { sql: `update ${identifier(change.table)} set ${set.join(', ')} where ${where.join(' and ')}`, parameters };
}

/**
 * The SQL of the changes, in their order. Consecutive inserts into one table with the same
 * columns become one multi-row statement (as many rows as the parameter limit allows), which
 * leaves the rows as one statement each would: a batch of 500 events is a few statements
 * instead of 500 round trips.
 */
export function statementsOf<Tables>(changes: readonly RowChange<Tables>[]): Statement[] {
  const statements: Statement[] = [];
  let run: Insert[] = [];
  const flush = () => {
    if (!run.length) return;
    const { table, onConflict } = run[0];
    const columns = presentColumns(run[0].row);
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length)));
    for (let i = 0; i < run.length; i += perStatement) {
      statements.push(
        insertStatement(
          table,
          columns,
          run.slice(i, i + perStatement).map((c) => c.row),
          onConflict === 'ignore' ? ' on conflict do nothing' : '',
        ),
      );
    }
    run = [];
  };
  for (const change of changes as readonly AnyChange[]) {
    if (change.kind === 'insert') {
      const previous = run[run.length - 1];
      if (previous && (previous.table !== change.table || previous.onConflict !== change.onConflict || !sameColumns(previous.row, change.row))) flush();
      run.push(change);
      continue;
    }
    flush();
    const statement = change.kind === 'upsert' ? upsertStatement(change) : updateStatement(change);
    if (statement) statements.push(statement);
  }
  flush();
  return statements;
}

function sameColumns(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const left = presentColumns(a);
  const right = presentColumns(b);
  return left.length === right.length && left.every((column, i) => column === right[i]);
}

/** Applies the changes in their order through the batch's manager (its transaction). */
export async function writeRowChanges<Tables>(manager: Pick<EntityManager, 'query'>, changes: readonly RowChange<Tables>[]): Promise<void> {
  for (const { sql, parameters } of statementsOf(changes)) await manager.query(sql, parameters);
}
