import { defineProblems } from '../ddd/problem-kind';

/** The problems of the HTTP layer: requests the API cannot read, or will not serve. */
export const HTTP_PROBLEMS = defineProblems({
  'bad-request': { status: 400, de: 'Ungültige Anfrage', en: 'Bad request' },
  'bad-url': { status: 400, de: 'Ungültige Adresse', en: 'Bad request' },
  'malformed-json': { status: 400, de: 'Kein gültiges JSON', en: 'Malformed JSON' },
  'validation-failed': { status: 400, de: 'Die Anfrage ist ungültig', en: 'The request is invalid' },
  'not-found': { status: 404, de: 'Nicht gefunden', en: 'Not found' },
  'method-not-allowed': { status: 405, de: 'Methode nicht erlaubt', en: 'Method not allowed' },
  'request-timeout': { status: 408, de: 'Zeitüberschreitung der Anfrage', en: 'Request timeout' },
  conflict: { status: 409, de: 'Konflikt', en: 'Conflict' },
  'payload-too-large': { status: 413, de: 'Anfrage zu groß', en: 'Payload too large' },
  'uri-too-long': { status: 414, de: 'Adresse zu lang', en: 'URI too long' },
  'unsupported-media-type': { status: 415, de: 'Nicht unterstütztes Format', en: 'Unsupported media type' },
  unprocessable: { status: 422, de: 'Anfrage nicht verarbeitbar', en: 'Unprocessable request' },
  'invalid-event': { status: 422, de: 'Die Änderung kann nicht gebucht werden', en: 'The change cannot be recorded' },
  'rate-limited': { status: 429, de: 'Zu viele Anfragen', en: 'Too many requests' },
  'headers-too-large': { status: 431, de: 'Kopfzeilen zu groß', en: 'Request header fields too large' },
  'internal-error': { status: 500, de: 'Interner Fehler', en: 'Internal error' },
  'database-unavailable': { status: 503, de: 'Datenbank nicht erreichbar', en: 'Database unavailable' },
  'projection-behind': { status: 503, de: 'Zahlen nicht aktuell', en: 'Figures not current' },
  'http-error': { status: 400, de: 'Fehler', en: 'Error' },
});
