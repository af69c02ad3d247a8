import { defineProblems } from './problem-kind';

export const DDD_PROBLEMS = defineProblems({
  'concurrent-modification': { status: 409, de: 'Gleichzeitige Änderung', en: 'Concurrent modification' },
  'stale-version': { status: 412, de: 'Fassung nicht mehr aktuell', en: 'Precondition failed' },
});
