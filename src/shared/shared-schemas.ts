import { OneOf } from '../../libs/http/contract/schema-types';
import { LEGAL_BASIS_CODES, RATE_TYPES, SETTINGS } from './legal-basis';
import { BUDGET_CATEGORIES } from './budget-category';

export const LegalBasisCode = OneOf(LEGAL_BASIS_CODES, { description: 'Paragraf des SGB VIII' });
export const SettingCode = OneOf(SETTINGS, { description: 'Setting der Hilfe (R12): ambulant, teilstationär, stationär' });
export const RateTypeCode = OneOf(RATE_TYPES, { description: 'Art des Entgelts: Monatspauschale, Fachleistungsstunde, Tagessatz' });
export const BudgetCategoryCode = OneOf(BUDGET_CATEGORIES, {
  description: 'Kategorie des Sozialraumbudgets: FS fallspezifisch, FUE fallübergreifend, FU fallunspezifisch',
});
