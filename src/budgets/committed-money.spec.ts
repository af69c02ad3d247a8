import { DomainError } from '../../libs/ddd/domain-error';
import { Decimal } from '../../libs/money';
import { CommittedMoney } from './committed-money';

describe('CommittedMoney: reads the ledger journal only once it has reached the head of the log', () => {
  const head = { transactionId: 10n, position: 42n };
  function committedMoney(checkpoints: Array<{ txid: string; global_position: string } | null>) {
    const queue = [...checkpoints];
    const dataSource = {
      query: jest.fn(async () => {
        const next = queue.length > 1 ? queue.shift() : queue[0];
        return next ? [next] : [];
      }),
    };
    const ledger = { boundOutside: jest.fn(async () => new Decimal('15600.00')) };
    const projections = { poke: jest.fn() };
    const store = { headCheckpoint: jest.fn(async () => head) };
    return { service: new CommittedMoney(store as any, dataSource as any, ledger as any, projections as any), ledger, projections };
  }

  it('waits while the journal is behind, then reads', async () => {
    const { service, ledger, projections } = committedMoney([null, { txid: '10', global_position: '41' }, { txid: '10', global_position: '42' }]);
    await expect(service.boundOutside('HRO-JA', 'HRO-TW', 2025, 'FS', 'budget-HRO-TW-2025')).resolves.toEqual(new Decimal('15600.00'));
    expect(projections.poke).toHaveBeenCalledTimes(2);
    expect(ledger.boundOutside).toHaveBeenCalledTimes(1);
  });

  it('refuses with a retryable 503 projection-behind when the journal does not catch up in time', async () => {
    const { service, ledger } = committedMoney([{ txid: '9', global_position: '99' }]);
    const error = await service.awaitLedgerJournal(60).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ problem: 'projection-behind', status: 503, extensions: { retryable: true } });
    expect(ledger.boundOutside).not.toHaveBeenCalled();
  });
});
