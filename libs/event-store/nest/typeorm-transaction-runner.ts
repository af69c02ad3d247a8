import { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '../consumer/transaction-runner';

export function typeormTransactionRunner(dataSource: DataSource): TransactionRunner<EntityManager> {
  return {
    run: (work) => dataSource.transaction((manager) => work(manager)),
    select: (manager, sql, params) => manager.query(sql, params),
  };
}
