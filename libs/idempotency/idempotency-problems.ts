import { defineProblems } from '../ddd/problem-kind';

export const IDEMPOTENCY_PROBLEMS = defineProblems({
  'idempotency-key-in-use': { status: 409, de: 'Anfrage in Bearbeitung', en: 'Request in progress' },
  'idempotent-request-applied': { status: 409, de: 'Anfrage bereits gebucht', en: 'Request already applied' },
  'idempotency-key-reused': { status: 422, de: 'Idempotency-Key wiederverwendet', en: 'Idempotency key reused' },
});
