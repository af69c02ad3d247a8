import { DomainError } from '../../../libs/ddd/domain-error';
import { fold } from '../../../libs/ddd/decider';
import { decideImportStatistics, factsOn, statisticsDecider } from './sozialraum-statistics';
import { parseStatisticsCsv } from './statistics-csv';

const registered = { registeredSozialraeume: new Set(['HRO-TW', 'HRO-EV']) };
const csv = 'Sozialraum;Stichtag;Einwohner;Einwohner unter 21;SGB-II-Quote\nHRO-TW;01.01.2024;14.100;2.550;12,9\nHRO-TW;01.01.2025;14.200;2.600;12,4\n';

describe('facts of the statistics office', () => {
  it('records one dated event per row in one decision and answers the facts in force on a date', () => {
    const events = decideImportStatistics({ fileSha256: 'abc', ...parseStatisticsCsv(csv) }, fold(statisticsDecider, []), registered);
    expect(events.map((e) => [e.businessDate, e.data.importId, e.data.residentsUnder21])).toEqual([
      ['2024-01-01', 'STAT-1', 2550],
      ['2025-01-01', 'STAT-1', 2600],
    ]);
    const state = fold(statisticsDecider, events);
    expect(factsOn(state, 'HRO-TW', '2025-12-31')?.residentsUnder21).toBe(2600);
    expect(factsOn(state, 'HRO-TW', '2024-06-30')?.keyFigures).toEqual([{ name: 'SGB-II-Quote', value: '12.9' }]);
    expect(factsOn(state, 'HRO-TW', '2023-12-31')).toBeNull();
    // A later import for the same date corrects it.
    const again = decideImportStatistics({ fileSha256: 'def', ...parseStatisticsCsv(csv.replace('2.600', '2.610')) }, state, registered);
    expect(again[0].data.importId).toBe('STAT-2');
    expect(factsOn(fold(statisticsDecider, [...events, ...again]), 'HRO-TW', '2025-06-30')?.residentsUnder21).toBe(2610);
  });

  it('refuses the whole file when any row is wrong, naming line and column, also for a Sozialraum the master data does not know', () => {
    const bad = 'Sozialraum;Stichtag;Einwohner;Einwohner unter 21\nHRO-XX;01.01.2025;100;50\nHRO-TW;01.01.2025;abc;50\n';
    try {
      decideImportStatistics({ fileSha256: 'x', ...parseStatisticsCsv(bad) }, fold(statisticsDecider, []), registered);
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const { problem, extensions } = error as DomainError;
      expect(problem).toBe('statistics-invalid');
      expect((extensions.rowErrors as Array<{ line: number; column: string }>).map((e) => [e.line, e.column])).toEqual([
        [2, 'Sozialraum'],
        [3, 'Einwohner'],
      ]);
    }
  });
});
