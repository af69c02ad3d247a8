import { ComputedIndicator } from './computed-indicator';
import { measured } from './approval-history';
import { actualByCategory } from './praeventionsanteil';

/**
 * R12 `kosten-je-jm`: in-budget fallspezifisch actual for the period's Leistungsmonate per
 * resident under 21. Monitored only (R8): cheaper entitlements must never earn a bonus.
 */
export const kostenJeJm: ComputedIndicator = (input) => measured(actualByCategory(input).FS, input.residentsUnder21, 1, null);
