import { refuse } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { FLEXIBLE_PROBLEMS } from '../flexible.problems';
import { endOfYear, startOfYear, yearOf } from '../../../libs/calendar';

/** A Bescheid for this fiscal year: not after its end (a later one belongs to another year's budget). */
export function assertBescheidInTime(bescheidDate: string, fiscalYear: number): void {
  if (bescheidDate > endOfYear(fiscalYear)) {
    refuse(
      FLEXIBLE_PROBLEMS['bescheid-after-fiscal-year'],
      text(
        `Ein Bescheid vom ${bescheidDate} kann keine Mittel des Haushaltsjahres ${fiscalYear} binden.`,
        `A Bescheid of ${bescheidDate} cannot commit money of the fiscal year ${fiscalYear}.`,
      ),
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
