import { defineProblems } from '../../libs/ddd/problem-kind';

/** The refusals around personal data in free text (§§ 61–68 SGB VIII, DSGVO Art. 17). */
export const PRIVACY_PROBLEMS = defineProblems({
  'texts-erased': { status: 409, de: 'Freitexte gelöscht', en: 'Free texts erased' },
});
