import { defineProblems } from '../../libs/ddd/problem-kind';

/** The refusals of the master data (Sozialräume, Träger, Entgeltvereinbarungen). */
export const MASTER_DATA_PROBLEMS = defineProblems({
  'sozialraum-exists': { status: 409, de: 'Sozialraum bereits registriert', en: 'Sozialraum already registered' },
  'provider-exists': { status: 409, de: 'Träger bereits registriert', en: 'Provider already registered' },
  'residents-inconsistent': { status: 422, de: 'Einwohnerzahlen widersprüchlich', en: 'Residents inconsistent' },
  'before-registration': { status: 422, de: 'Vor der Registrierung', en: 'Before registration' },
  'lead-among-members': { status: 422, de: 'Federführender Träger unter den Mitgliedern', en: 'Lead provider listed as member' },
  'duplicate-member': { status: 422, de: 'Mitglied doppelt genannt', en: 'Duplicate member' },
  'rate-agreement-overlap': { status: 409, de: 'Überschneidende Entgeltvereinbarung', en: 'Overlapping rate agreement' },
  'rate-agreement-not-found': { status: 404, de: 'Entgeltvereinbarung nicht gefunden', en: 'Rate agreement not found' },
  'extension-not-allowed': { status: 422, de: 'Verlängerung nicht möglich', en: 'Cannot extend' },
});
