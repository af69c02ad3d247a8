import { DataSource } from 'typeorm';
import { LedgerEntryRow } from '../../src/ledger/ledger-entry.entity';
import { LedgerJournalProjection } from '../../src/ledger/ledger-journal.projection';
import { CommitmentRecordedData } from '../../src/ledger';
import { stored } from '../support/stored-event';
import { createTestDatabase, TestDatabase } from '../support/test-server';

const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

function approvalCommitment(n: number) {
  const data: CommitmentRecordedData = {
    sozialraumId: 'HRO-TW',
    fiscalYear: 2025,
    category: 'FS',
    inBudget: true,
    providerId: 'TR-E',
    source: { kind: 'approval', id: `TW-25-${n}-B1`, caseRef: `TW-25-${n}` },
    lines: months.map((month) => ({ month, amount: '1300.00' })),
    total: '15600.00',
    reason: 'approval',
  };
  return stored(`HRO-JA/case/TW-25-${n}`, { type: 'CommitmentRecorded', data, businessDate: '2025-01-01' });
}

describe('ledger journal', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: database.url, entities: [LedgerEntryRow] }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('records a full batch of year-long commitments: 500 events of twelve month lines each, more rows than one statement can carry', async () => {
    // 6,000 rows of 20 columns are 120,000 parameters; the protocol numbers at most 65,535.
    const events = Array.from({ length: 500 }, (_, i) => approvalCommitment(i + 1));
    await dataSource.transaction((manager) => new LedgerJournalProjection().handle(events, manager));
    const [{ rows, forecast }] = await dataSource.query(
      `select count(*)::int as rows, sum(amount)::text as forecast from ledger_entries where measure = 'forecast'`,
    );
    expect({ rows, forecast }).toEqual({ rows: 6000, forecast: '7800000.00' });
    // A batch read again (after a crash before its checkpoint) leaves the journal as it is.
    await dataSource.transaction((manager) => new LedgerJournalProjection().handle(events.slice(0, 10), manager));
    expect((await dataSource.query('select count(*)::int as n from ledger_entries'))[0].n).toBe(6000);
  });
});
