import { ComputedIndicator } from './computed-indicator';
import { ambulantAnteil } from './ambulant-anteil';
import { dauerBeendeterHilfen } from './dauer-beendeter-hilfen';
import { hzeDichte } from './hze-dichte';
import { kostenJeJm } from './kosten-je-jm';
import { planmaessigBeendet } from './planmaessig-beendet';
import { praeventionsanteil } from './praeventionsanteil';

export * from './computed-indicator';
export * from './approval-history';
export { ambulantAnteil, dauerBeendeterHilfen, hzeDichte, kostenJeJm, planmaessigBeendet, praeventionsanteil };

export type ComputedIndicatorKey = 'planmaessig-beendet' | 'ambulant-anteil' | 'praeventionsanteil' | 'hze-dichte' | 'kosten-je-jm' | 'dauer-beendeter-hilfen';

/** The built-in computed indicators of R12, by the key the indicator catalogue names them with. */
export const COMPUTED_INDICATORS: Record<ComputedIndicatorKey, ComputedIndicator> = {
  'planmaessig-beendet': planmaessigBeendet,
  'ambulant-anteil': ambulantAnteil,
  praeventionsanteil,
  'hze-dichte': hzeDichte,
  'kosten-je-jm': kostenJeJm,
  'dauer-beendeter-hilfen': dauerBeendeterHilfen,
};
