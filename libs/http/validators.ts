import { ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';
import { AmountFormatError, parseAmount } from '../money/money';
import { localised, localisedText } from './validation-messages';
import { isIsoDate, isIsoMonth } from '../calendar/calendar';

/** An amount string per the rule book (docs/steering.md, Money and time): at most 2 decimals, not above 999,999,999.99. */
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
            return localised('ist ungültig.', 'is invalid.');
          } catch (error) {
            return error instanceof AmountFormatError ? localisedText(error.reason) : localised('ist kein Betrag.', 'is not an amount.');
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
        defaultMessage: () => localised('muss ein Kalenderdatum der Form JJJJ-MM-TT sein.', 'must be a calendar date in the form YYYY-MM-DD.'),
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
        defaultMessage: () => localised('muss ein Monat der Form JJJJ-MM sein.', 'must be a month in the form YYYY-MM.'),
      },
    });
}

/**
 * The field may be left out. Unlike class-validator's IsOptional, `null` does not count as left
 * out: it is validated like any other value and so refused by the field's type check (a client
 * sending `"rate": null` learns that instead of the command failing on it), unless the field is
 * declared nullable, where null has a meaning of its own (e.g. "no upper limit").
 */
export function IsOptional(options: { nullable?: boolean } = {}, validationOptions?: ValidationOptions) {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined && !(options.nullable === true && value === null), validationOptions);
}
