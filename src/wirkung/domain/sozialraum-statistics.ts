import { Decider, DomainEvent } from '../../../libs/ddd/decider';
import { refuse } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { WIRKUNG_PROBLEMS } from '../wirkung.problems';
import { StatisticsCsvError, StatisticsRow } from './statistics-csv';

export interface SozialraumFactsRecorded {
  importId: string;
  /** SHA-256 of the file the row came from. */
  fileSha256: string;
  sozialraumId: string;
  validFrom: string;
  residents: number;
  residentsUnder21: number;
  keyFigures: Array<{ name: string; value: string }>;
}

export type StatisticsEvent = DomainEvent<'SozialraumFactsRecorded', SozialraumFactsRecorded>;

export interface StatisticsState {
  imports: number;
  /** Every recorded row in log order; a later row for the same Sozialraum and date corrects the earlier. */
  facts: SozialraumFactsRecorded[];
}

export const statisticsDecider: Decider<StatisticsState, StatisticsEvent> = {
  initialState: { imports: 0, facts: [] },
  evolve: (state, event) => ({
    imports: state.facts.some((f) => f.importId === event.data.importId) ? state.imports : state.imports + 1,
    facts: [...state.facts, event.data],
  }),
};

/** The facts of a Sozialraum in force on a date: the row with the latest Stichtag on or before it (the last recorded for that date). */
export function factsOn(state: StatisticsState, sozialraumId: string, date: string): SozialraumFactsRecorded | null {
  let found: SozialraumFactsRecorded | null = null;
  for (const row of state.facts) if (row.sozialraumId === sozialraumId && row.validFrom <= date && (!found || row.validFrom >= found.validFrom)) found = row;
  return found;
}

/**
 * One file, one decision: every row is checked (the parser's findings and Sozialräume the master
 * data does not know); any problem refuses the whole file and names line and column, otherwise
 * each row becomes a dated event, all in one append.
 */
export function decideImportStatistics(
  cmd: { fileSha256: string; rows: StatisticsRow[]; errors: StatisticsCsvError[] },
  state: StatisticsState,
  facts: { registeredSozialraeume: Set<string> },
): StatisticsEvent[] {
  const errors = [...cmd.errors];
  for (const row of cmd.rows)
    if (!facts.registeredSozialraeume.has(row.sozialraumId))
      errors.push({
        line: row.line,
        column: 'Sozialraum',
        message: text(
          `Zeile ${row.line}, Spalte „Sozialraum“: ${row.sozialraumId} ist kein registrierter Sozialraum.`,
          `Line ${row.line}, column "Sozialraum": ${row.sozialraumId} is not a registered Sozialraum.`,
        ),
      });
  if (errors.length) {
    errors.sort((a, b) => a.line - b.line);
    refuse(
      WIRKUNG_PROBLEMS['statistics-invalid'],
      text(
        `Die Datei enthält ${errors.length === 1 ? 'einen Fehler' : `${errors.length} Fehler`}; nichts wurde übernommen. ${errors[0].message.de}`,
        `The file has ${errors.length} error(s); nothing was applied. ${errors[0].message.en}`,
      ),
      {
        // `errors` as every refusal of bad input names its fields; `rowErrors` the same, structured by line and column.
        errors: errors.map((e) => ({ field: e.column === null ? `Zeile ${e.line}` : `Zeile ${e.line}, Spalte „${e.column}“`, message: e.message.de })),
        rowErrors: errors.map((e) => ({ line: e.line, column: e.column, detail: e.message.de })),
      },
    );
  }
  const importId = `STAT-${state.imports + 1}`;
  return cmd.rows.map((row) => ({
    type: 'SozialraumFactsRecorded' as const,
    data: {
      importId,
      fileSha256: cmd.fileSha256,
      sozialraumId: row.sozialraumId,
      validFrom: row.validFrom,
      residents: row.residents,
      residentsUnder21: row.residentsUnder21,
      keyFigures: row.keyFigures,
    },
    businessDate: row.validFrom,
  }));
}
