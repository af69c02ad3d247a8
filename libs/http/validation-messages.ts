import { Text, text } from '../text/text';

/**
 * class-validator carries one string per failed constraint. Messages this code base writes are
 * texts in every language, carried through that string in an envelope (`localised`); the
 * library's own English messages are put into words here, by the constraint that failed.
 */
const ENVELOPE = '\u0001text:';

/** A validation message in German and English, for a decorator's `message` option. */
export function localised(de: string, en: string): string {
  return `${ENVELOPE}${JSON.stringify(text(de, en))}`;
}

export function localisedText(value: Text): string {
  return localised(value.de, value.en);
}

const numberIn = (message: string): string => /(-?\d+(?:\.\d+)?)/.exec(message)?.[1] ?? '?';
const listIn = (message: string): string => message.split(': ').slice(1).join(': ');

const BUILT_IN: Record<string, (message: string) => Text> = {
  isString: () => text('muss ein Text sein.', 'must be a string.'),
  isNotEmpty: () => text('darf nicht leer sein.', 'must not be empty.'),
  maxLength: (m) => text(`darf höchstens ${numberIn(m)} Zeichen lang sein.`, `must be at most ${numberIn(m)} characters long.`),
  minLength: (m) => text(`muss mindestens ${numberIn(m)} Zeichen lang sein.`, `must be at least ${numberIn(m)} characters long.`),
  isIn: (m) => text(`muss einer dieser Werte sein: ${listIn(m)}.`, `must be one of: ${listIn(m)}.`),
  isInt: () => text('muss eine ganze Zahl sein.', 'must be an integer.'),
  min: (m) => text(`darf nicht kleiner als ${numberIn(m)} sein.`, `must not be less than ${numberIn(m)}.`),
  max: (m) => text(`darf nicht größer als ${numberIn(m)} sein.`, `must not be greater than ${numberIn(m)}.`),
  isArray: () => text('muss eine Liste sein.', 'must be an array.'),
  arrayMinSize: (m) => text(`muss mindestens ${numberIn(m)} Einträge haben.`, `must contain at least ${numberIn(m)} elements.`),
  arrayMaxSize: (m) => text(`darf höchstens ${numberIn(m)} Einträge haben.`, `must contain at most ${numberIn(m)} elements.`),
  arrayUnique: () => text('darf keinen Eintrag doppelt enthalten.', 'must not contain duplicates.'),
  isObject: () => text('muss ein Objekt sein.', 'must be an object.'),
  isBoolean: () => text('muss true oder false sein.', 'must be true or false.'),
  isDateString: () => text('muss ein Zeitpunkt nach ISO 8601 sein.', 'must be an ISO 8601 timestamp.'),
  matches: () => text('hat nicht die erwartete Form.', 'does not have the expected form.'),
  nestedValidation: () => text('muss ein Objekt oder eine Liste von Objekten sein.', 'must be an object or a list of objects.'),
  whitelistValidation: () => text('ist kein erlaubtes Feld.', 'is not an allowed field.'),
};

/** A field that is missing altogether: one message, whatever else its constraints say. */
export const MISSING = text('fehlt; das Feld ist Pflicht.', 'is missing; the field is required.');

/** The message for one failed constraint, in every language. */
export function validationText(constraint: string, message: string): Text {
  if (message.startsWith(ENVELOPE)) return JSON.parse(message.slice(ENVELOPE.length)) as Text;
  return (BUILT_IN[constraint] ?? (() => text(`ist ungültig (${constraint}).`, `is invalid (${message}).`)))(message);
}
