import { defineProblems } from '../../libs/ddd/problem-kind';

/** The refusals of the audit trail's proofs and checkpoints. */
export const AUDIT_PROBLEMS = defineProblems({
  'event-not-in-tree': { status: 404, de: 'Ereignis nicht im Prüfbaum', en: 'Event not in the audit tree' },
  'tree-size-not-reached': { status: 404, de: 'Baumgröße noch nicht erreicht', en: 'Tree size not reached' },
  'event-beyond-tree-size': { status: 422, de: 'Ereignis liegt hinter der Baumgröße', en: 'Event beyond the tree size' },
  'tree-sizes-reversed': { status: 422, de: 'Baumgrößen vertauscht', en: 'Tree sizes reversed' },
  'no-checkpoint': { status: 404, de: 'Noch kein Prüfpunkt', en: 'No checkpoint yet' },
});
