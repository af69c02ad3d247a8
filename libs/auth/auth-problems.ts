import { defineProblems } from '../ddd/problem-kind';

export const AUTH_PROBLEMS = defineProblems({
  unauthenticated: { status: 401, de: 'Anmeldung erforderlich', en: 'Authentication required' },
  forbidden: { status: 403, de: 'Keine Berechtigung', en: 'Forbidden' },
  'rate-limited': { status: 429, de: 'Zu viele Anfragen', en: 'Too many requests' },
});
