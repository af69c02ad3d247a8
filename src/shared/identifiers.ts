import { text } from '../../libs/text/text';
import { localisedText } from '../../libs/http/validation-messages';

/** Ids of master data (Sozialraum HRO-TW, provider TR-E, tenant HRO-JA): short, upper-case codes. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
export const CODE_TEXT = text(
  'muss ein Kürzel aus Großbuchstaben, Ziffern und Bindestrichen sein (etwa HRO-TW), höchstens 32 Zeichen.',
  'must be an upper-case code of letters, digits and hyphens (e.g. HRO-TW), at most 32 characters.',
);
/** For a class-validator `message` option. */
export const CODE_MESSAGE = localisedText(CODE_TEXT);

/** Pseudonymous case reference such as TW-25-001: never a name. */
export const CASE_REF_PATTERN = /^[A-Z]{1,6}-\d{2}-\d{3,5}$/;
export const CASE_REF_TEXT = text('muss ein pseudonymes Fallzeichen wie TW-25-001 sein.', 'must be a pseudonymous case reference such as TW-25-001.');
export const CASE_REF_MESSAGE = localisedText(CASE_REF_TEXT);
