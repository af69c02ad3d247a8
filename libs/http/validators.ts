import { ValidationOptions, registerDecorator } from 'class-validator';
import { parseAmount } from '../money/money';
import { isIsoDate, isIsoMonth } from '../calendar/calendar';

/** An amount string per rules.md: at most 2 decimals, not above 999,999,999.99. */
export function IsAmount(options: { allowNegative?: boolean; allowZero?: boolean } = {}, validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAmount',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          try {
            parseAmount(value, options);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage(args) {
          try {
            parseAmount(args?.value, options);
            return 'is invalid';
          } catch (error) {
            return `${(error as Error).message}`;
          }
        },
      },
    });
}

/** A real calendar date in strict ISO form (YYYY-MM-DD); 2025-02-30 is refused. */
export function IsIsoDate(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: () => 'must be a calendar date in the form YYYY-MM-DD',
      },
    });
}

export function IsIsoMonth(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoMonth',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => isIsoMonth(value),
        defaultMessage: () => 'must be a month in the form YYYY-MM',
      },
    });
}
