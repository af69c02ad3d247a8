import { Decider, DomainEvent } from '../../../libs/ddd/decider';
import { refuse } from '../../../libs/ddd/domain-error';
import { by, compareText } from '../../../libs/order';
import { text } from '../../../libs/text/text';
import { WIRKUNG_PROBLEMS } from '../wirkung.problems';
import { COMPUTED_INDICATORS, ComputedIndicatorKey } from './computed';

export const INDICATOR_UNITS = ['percent', 'count', 'euro', 'per-1000', 'months'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** How a reported indicator's period values become the value of a longer period (R12). */
export const AGGREGATIONS = ['sum', 'mean', 'last'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const REPORTERS = ['jugendamt', 'provider'] as const;
export type Reporter = (typeof REPORTERS)[number];

export interface IndicatorDefinition {
  key: string;
  name: string;
  /** How it is computed or what is reported, in German. */
  definition: string;
  unit: IndicatorUnit;
  direction: Direction;
  source: 'computed' | 'reported';
  /** For reported indicators; computed ones are measured over the period directly. */
  aggregation: Aggregation | null;
  /** Who reports it (reported indicators). */
  reportedBy: Reporter[];
  /** R8: false where an improvement would mean fewer or cheaper legal entitlements; monitored only. */
  incentivisable: boolean;
  effectiveFrom: string;
}

const BUILT_IN_FROM = '2000-01-01';

function builtIn(
  key: ComputedIndicatorKey,
  name: string,
  unit: IndicatorUnit,
  direction: Direction,
  incentivisable: boolean,
  definition: string,
): IndicatorDefinition {
  return { key, name, definition, unit, direction, source: 'computed', aggregation: null, reportedBy: [], incentivisable, effectiveFrom: BUILT_IN_FROM };
}

/** R12's computed indicators, the same for every tenant; each is one function in ./computed. */
export const BUILT_IN_INDICATORS: IndicatorDefinition[] = [
  builtIn(
    'planmaessig-beendet',
    'Planmäßig beendete Hilfen',
    'percent',
    'higher-is-better',
    true,
    'Bewilligungen im Budget, deren Ende in den Zeitraum fällt und die planmäßig endeten (ohne Beendigung ausgelaufen oder mit dem Grund „planmäßig“ beendet), in % aller Bewilligungen im Budget, deren Ende in den Zeitraum fällt.',
  ),
  builtIn(
    'ambulant-anteil',
    'Anteil ambulanter Hilfen',
    'percent',
    'higher-is-better',
    true,
    'Fallmonate im Budget im Setting ambulant in % aller Fallmonate im Budget; ein Monat zählt, wenn die Bewilligung mindestens einen seiner Tage umfasst. Bewilligungen ohne angegebenes Setting zählen nur im Nenner.',
  ),
  builtIn(
    'praeventionsanteil',
    'Präventionsanteil',
    'percent',
    'higher-is-better',
    true,
    'Ist der fallübergreifenden und fallunspezifischen Mittel in % des gesamten Ist des Budgets, nach Leistungsmonaten im Zeitraum.',
  ),
  builtIn(
    'hze-dichte',
    'HzE-Dichte',
    'per-1000',
    'lower-is-better',
    false,
    'Bewilligungen im Budget, die am letzten Tag des Zeitraums laufen, je 1.000 Einwohner unter 21 Jahren (Stand der Sozialraumdaten an diesem Tag). Nur beobachtet: ein Rückgang darf nicht prämiert werden (R8).',
  ),
  builtIn(
    'kosten-je-jm',
    'Kosten je jungem Menschen',
    'euro',
    'lower-is-better',
    false,
    'Ist der fallspezifischen Mittel nach Leistungsmonaten im Zeitraum je Einwohner unter 21 Jahren. Nur beobachtet: geringere Kosten dürfen nicht prämiert werden (R8).',
  ),
  builtIn(
    'dauer-beendeter-hilfen',
    'Dauer beendeter Hilfen',
    'months',
    'lower-is-better',
    true,
    'Durchschnittliche Dauer in Kalendermonaten (jeder berührte Monat zählt) der Bewilligungen im Budget, deren Ende in den Zeitraum fällt.',
  ),
];

export type CatalogueEvent = DomainEvent<'IndicatorDefined', IndicatorDefinition>;

/** The tenant's own (reported) indicators, every version by effective date. */
export interface CatalogueState {
  versions: IndicatorDefinition[];
}

export const catalogueDecider: Decider<CatalogueState, CatalogueEvent> = {
  initialState: { versions: [] },
  evolve(state, event) {
    const d = event.data;
    const others = state.versions.filter((v) => !(v.key === d.key && v.effectiveFrom === d.effectiveFrom));
    return { versions: [...others, d].sort(by((v) => `${v.key}|${v.effectiveFrom}`, compareText)) };
  },
};

/** Every indicator in force on a date: the built-in ones and the tenant's latest version of each of its own. */
export function catalogueOn(state: CatalogueState, date: string): IndicatorDefinition[] {
  const own = new Map<string, IndicatorDefinition>();
  for (const version of state.versions) if (version.effectiveFrom <= date) own.set(version.key, version);
  return [...BUILT_IN_INDICATORS, ...[...own.values()].sort(by((v) => v.key, compareText))];
}

export function indicatorOn(state: CatalogueState, key: string, date: string): IndicatorDefinition | null {
  return catalogueOn(state, date).find((d) => d.key === key) ?? null;
}

export function isComputed(key: string): key is ComputedIndicatorKey {
  return Object.prototype.hasOwnProperty.call(COMPUTED_INDICATORS, key);
}

export type DefineIndicator = Omit<IndicatorDefinition, 'source'>;

/**
 * A tenant's own indicator is reported (the computed ones are built in); a later version with a
 * new effective date changes name, definition or reporting from that day on, never the key's past.
 */
export function decideDefineIndicator(cmd: DefineIndicator, state: CatalogueState): CatalogueEvent[] {
  if (isComputed(cmd.key)) {
    refuse(
      WIRKUNG_PROBLEMS['indicator-exists'],
      text(`${cmd.key} ist ein berechneter Indikator des Katalogs und kann nicht neu angelegt werden.`, `${cmd.key} is a built-in computed indicator.`),
      { indicatorKey: cmd.key },
    );
  }
  if (state.versions.some((v) => v.key === cmd.key && v.effectiveFrom === cmd.effectiveFrom)) {
    refuse(
      WIRKUNG_PROBLEMS['indicator-exists'],
      text(
        `Der Indikator ${cmd.key} hat bereits eine Fassung ab ${cmd.effectiveFrom}; eine neue Fassung braucht ein anderes Datum.`,
        `Indicator ${cmd.key} already has a version from ${cmd.effectiveFrom}.`,
      ),
      { indicatorKey: cmd.key },
    );
  }
  return [{ type: 'IndicatorDefined', data: { ...cmd, source: 'reported' }, businessDate: cmd.effectiveFrom }];
}
