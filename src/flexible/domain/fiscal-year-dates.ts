import { refuse } from '../../../libs/ddd/domain-error';
import { endOfYear, startOfYear, yearOf } from '../../../libs/calendar';

/** A Bescheid for this fiscal year: not after its end (a later one belongs to another year's budget). */
export function assertBescheidInTime(bescheidDate: string, fiscalYear: number): void {
  if (bescheidDate > endOfYear(fiscalYear)) {
    refuse(
      'bescheid-after-fiscal-year',
      'Bescheid after the fiscal year',
      `a Bescheid of ${bescheidDate} cannot commit money of the fiscal year ${fiscalYear}`,
    );
  }
}

/** R5: the commitment counts from the Bescheid date; Bescheide of the previous year on 01.01. */
export function commitmentDate(bescheidDate: string, fiscalYear: number): string {
  return yearOf(bescheidDate) < fiscalYear ? startOfYear(fiscalYear) : bescheidDate;
}

export function isInFiscalYear(date: string, fiscalYear: number): boolean {
  return yearOf(date) === fiscalYear;
}
