import { MAX_PARAMETERS, RowChange, add, appendDistinct, statementsOf, subtract } from './row-changes';

type Tables = {
  items: { tenant_id: string; item_id: string; amount?: string; tags?: readonly string[]; status?: string };
  totals: { tenant_id: string; month: string; amount: string };
};

const item = (id: string, extra: Partial<Tables['items']> = {}): RowChange<Tables> => ({
  kind: 'insert',
  table: 'items',
  row: { tenant_id: 'T', item_id: id, ...extra },
  onConflict: 'ignore',
});

describe('statementsOf', () => {
  it('writes an insert that ignores an existing row, leaving out columns without a value', () => {
    expect(statementsOf([item('A', { amount: '1.00', status: undefined })])).toEqual([
      { sql: 'insert into items (tenant_id, item_id, amount) values ($1, $2, $3) on conflict do nothing', parameters: ['T', 'A', '1.00'] },
    ]);
  });

  it('writes an insert that fails on an existing row', () => {
    expect(statementsOf<Tables>([{ kind: 'insert', table: 'totals', row: { tenant_id: 'T', month: '2025-01', amount: '2.00' }, onConflict: 'fail' }])).toEqual([
      { sql: 'insert into totals (tenant_id, month, amount) values ($1, $2, $3)', parameters: ['T', '2025-01', '2.00'] },
    ]);
  });

  it('joins consecutive inserts of one table with the same columns into one statement, in their order', () => {
    const statements = statementsOf([item('A'), item('B'), item('C', { amount: '3.00' }), item('D', { amount: '4.00' })]);
    expect(statements).toEqual([
      { sql: 'insert into items (tenant_id, item_id) values ($1, $2), ($3, $4) on conflict do nothing', parameters: ['T', 'A', 'T', 'B'] },
      {
        sql: 'insert into items (tenant_id, item_id, amount) values ($1, $2, $3), ($4, $5, $6) on conflict do nothing',
        parameters: ['T', 'C', '3.00', 'T', 'D', '4.00'],
      },
    ]);
  });

  it('never joins inserts across another change, so the changes apply in their order', () => {
    const statements = statementsOf<Tables>([
      item('A'),
      { kind: 'update', table: 'items', where: { tenant_id: 'T', item_id: 'A' }, set: { status: 'done' } },
      item('B'),
    ]);
    expect(statements.map((s) => s.sql)).toEqual([
      'insert into items (tenant_id, item_id) values ($1, $2) on conflict do nothing',
      'update items set status = $1 where tenant_id = $2 and item_id = $3',
      'insert into items (tenant_id, item_id) values ($1, $2) on conflict do nothing',
    ]);
  });

  it('splits a long run of inserts so that no statement exceeds the parameter limit', () => {
    const rows = Math.floor(MAX_PARAMETERS / 2) + 5;
    const statements = statementsOf(Array.from({ length: rows }, (_, i) => item(`I${i}`)));
    expect(statements.map((s) => s.parameters.length)).toEqual([Math.floor(MAX_PARAMETERS / 2) * 2, 10]);
    expect(statements[1].parameters).toEqual(Array.from({ length: 5 }, (_, i) => ['T', `I${rows - 5 + i}`]).flat());
  });

  it('writes an upsert that adds to the row with the same key, or one that replaces its columns', () => {
    const row = { tenant_id: 'T', month: '2025-01', amount: '2.50' };
    expect(statementsOf<Tables>([{ kind: 'upsert', table: 'totals', row, key: ['tenant_id', 'month'], onConflict: 'add' }])).toEqual([
      {
        sql: 'insert into totals (tenant_id, month, amount) values ($1, $2, $3) on conflict (tenant_id, month) do update set amount = totals.amount + excluded.amount',
        parameters: ['T', '2025-01', '2.50'],
      },
    ]);
    expect(statementsOf<Tables>([{ kind: 'upsert', table: 'totals', row, key: ['tenant_id', 'month'], onConflict: 'replace' }])[0].sql).toBe(
      'insert into totals (tenant_id, month, amount) values ($1, $2, $3) on conflict (tenant_id, month) do update set amount = excluded.amount',
    );
  });

  it('writes updates with values and with changes relative to the row', () => {
    const statements = statementsOf<Tables>([
      { kind: 'update', table: 'items', where: { tenant_id: 'T', item_id: 'A' }, set: { amount: add('1.25'), status: 'open', tags: appendDistinct('x') } },
      { kind: 'update', table: 'items', where: { tenant_id: 'T', item_id: 'A' }, set: { amount: subtract('0.25') } },
    ]);
    expect(statements).toEqual([
      {
        sql: 'update items set amount = amount + $1, status = $2, tags = case when $3 = any(tags) then tags else tags || $3 end where tenant_id = $4 and item_id = $5',
        parameters: ['1.25', 'open', 'x', 'T', 'A'],
      },
      { sql: 'update items set amount = amount - $1 where tenant_id = $2 and item_id = $3', parameters: ['0.25', 'T', 'A'] },
    ]);
  });

  it('writes nothing for an update that sets no column, and refuses one that names no row', () => {
    expect(statementsOf<Tables>([{ kind: 'update', table: 'items', where: { tenant_id: 'T' }, set: {} }])).toEqual([]);
    expect(() => statementsOf<Tables>([{ kind: 'update', table: 'items', where: {}, set: { status: 'x' } }])).toThrow('names no row');
  });

  it('refuses a table or column name that is not a plain identifier', () => {
    expect(() =>
      statementsOf<Record<string, { a: string }>>([{ kind: 'insert', table: 'items; drop table x', row: { a: '1' }, onConflict: 'ignore' }]),
    ).toThrow('not a plain SQL identifier');
  });
});
