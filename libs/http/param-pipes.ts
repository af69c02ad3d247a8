import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationProblem } from './problem';
import { Text, text } from '../text/text';

/** A four-digit fiscal year in a path. */
@Injectable()
export class FiscalYearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100) {
      throw new ValidationProblem([
        { field: 'fiscalYear', message: text('muss ein Jahr zwischen 2000 und 2100 sein.', 'must be a year between 2000 and 2100.') },
      ]);
    }
    return Number(value);
  }
}

/** A path segment matching a pattern (codes, references). */
export class PatternPipe implements PipeTransform<string, string> {
  constructor(
    private readonly field: string,
    private readonly pattern: RegExp,
    private readonly message: Text,
  ) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !this.pattern.test(value)) throw new ValidationProblem([{ field: this.field, message: this.message }]);
    return value;
  }
}
