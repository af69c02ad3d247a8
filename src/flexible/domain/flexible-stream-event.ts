import { LedgerEvent } from '../../ledger';
import { FlexibleEvent } from './flexible.events';

/** What flexible decisions append to the budget stream: their own facts and the money movements. */
export type FlexibleStreamEvent = FlexibleEvent | LedgerEvent;
