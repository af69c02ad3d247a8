import { renderCsv } from '../../../libs/export';
import { DEFAULT_CONTRACT_TERMS } from '../../budgets';
import { describeCause, providerFiguresTable, settlementTable, steeringParameters, timelineCrossings } from './steering-exports';

const entry = (businessDate: string, forecast: string, budget = '200000.00') => ({
  businessDate,
  eventId: `e-${businessDate}`,
  type: 'CommitmentRecorded',
  position: '1',
  cause: null,
  delta: '0.00',
  forecast,
  budget,
  pctOfBudget: '0.00',
});

describe('timelineCrossings', () => {
  const terms = () => ({ ...DEFAULT_CONTRACT_TERMS });

  it('marks the entry that carries the forecast above a threshold, not the one at it', () => {
    const crossings = timelineCrossings(
      [entry('2025-01-01', '200000.00'), entry('2025-02-01', '200000.01'), entry('2025-03-01', '230000.00'), entry('2025-04-01', '231000.00')],
      terms,
    );
    expect(crossings).toEqual([[], ['Warnschwelle (100 %)'], ['Überschreitungsverfahren (105 %)', 'Nachverhandlung (110 %)'], []]);
  });

  it('marks a crossing again after the forecast fell back below, with the percentages of the contract in force', () => {
    const contract = (date: string) => ({ ...DEFAULT_CONTRACT_TERMS, warningThresholdPct: date >= '2025-06-01' ? '102.5' : '100' });
    const crossings = timelineCrossings([entry('2025-01-01', '201000.00'), entry('2025-02-01', '199000.00'), entry('2025-06-01', '206000.00')], contract);
    expect(crossings).toEqual([['Warnschwelle (100 %)'], [], ['Warnschwelle (102,5 %)']]);
  });

  it('crosses nothing without a B', () => {
    expect(timelineCrossings([entry('2025-01-01', '100.00', '0.00')], terms)).toEqual([[]]);
  });
});

describe('describeCause', () => {
  it('names the cause as the page does', () => {
    expect(describeCause({ type: 'X', cause: { kind: 'approval', id: 'TW-25-001-B1', caseRef: 'TW-25-001', reason: 'termination' } })).toBe(
      'Bewilligung TW-25-001 (termination)',
    );
    expect(describeCause({ type: 'X', cause: { kind: 'budget', id: 'HRO-JA/budget/HRO-TW/2025', reason: 'Haushalt 2025' } })).toBe('Budget (Haushalt 2025)');
    expect(describeCause({ type: 'BudgetAllocated', cause: null })).toBe('BudgetAllocated');
  });
});

describe('settlementTable', () => {
  const figures = {
    outcome: 'underrun' as const,
    budget: '200000.00',
    flexibleBudget: '75000.00',
    actual: '161502.50',
    deviation: '-38497.50',
    corridor: '10000.00',
    excess: null,
    savings: '28497.50',
    providerShare: '0.00',
    providerShareCap: null,
    jugendamtShare: null,
    carryForward: '14248.75',
    carryForwardCap: '20000.00',
    returnedToMunicipalBudget: '14248.75',
  };

  it('lists every figure of the recorded settlement with its label, the confirmations and the preview', () => {
    const table = settlementTable({
      sozialraumId: 'HRO-TW',
      fiscalYear: 2025,
      version: 3,
      recorded: {
        settlementId: 'ABR-HRO-TW-2025',
        sozialraumId: 'HRO-TW',
        fiscalYear: 2025,
        figures,
        leadProviderId: 'TR-E',
        logPosition: '812',
        calculatedOn: '2026-01-21',
        confirmations: [{ party: 'jugendamt', organisationId: 'HRO-JA', on: '2026-01-22' }],
        applied: false,
      },
      preview: figures,
    });
    const csv = renderCsv(table, { decimalComma: true }).slice(1).split('\r\n');
    expect(csv[0]).toBe('Sozialraum;Haushaltsjahr;Abschnitt;Angabe;Betrag;Datum;Text');
    expect(csv).toContain('HRO-TW;2025;Jahresabrechnung;Berechnet am;;2026-01-21;');
    expect(csv).toContain('HRO-TW;2025;Jahresabrechnung;Ergebnis;;;Unterschreitung');
    expect(csv).toContain('HRO-TW;2025;Jahresabrechnung;Abweichung D = I − B;-38497,50;;');
    // A figure R10 has none of for the outcome stays empty.
    expect(csv).toContain('HRO-TW;2025;Jahresabrechnung;Überschreitung E = D − K;;;');
    expect(csv).toContain('HRO-TW;2025;Bestätigung;Jugendamt;;2026-01-22;HRO-JA');
    expect(csv).toContain('HRO-TW;2025;Vorschau;Übertrag ins Folgejahr;14248,75;;');
    expect(table.rows.filter((r) => r[2] === 'Jahresabrechnung' && r[4] !== '')).toHaveLength(10);
  });

  it('says so before the settlement is calculated, and still shows the preview', () => {
    const table = settlementTable({ sozialraumId: 'HRO-TW', fiscalYear: 2025, version: 0, recorded: null, preview: figures });
    expect(table.rows[0]).toEqual(['HRO-TW', '2025', 'Jahresabrechnung', 'Ergebnis', '', '', 'noch nicht berechnet']);
    expect(table.rows.filter((r) => r[2] === 'Vorschau')).toHaveLength(14);
  });
});

describe('providerFiguresTable', () => {
  it('has a row per month, a sum per line and the total of in- and out-of-budget figures', () => {
    const table = providerFiguresTable({
      providerId: 'TR-E',
      fiscalYear: 2025,
      actual: '4300.00',
      forecast: '5000.00',
      lines: [
        {
          sozialraumId: 'HRO-TW',
          inBudget: true,
          outOfBudgetReason: null,
          category: 'FS',
          committed: '500.00',
          actual: '1300.00',
          forecast: '1800.00',
          months: [{ month: '2025-03', committed: '500.00', actual: '1300.00', forecast: '1800.00' }],
        },
        {
          sozialraumId: 'HRO-TW',
          inBudget: false,
          outOfBudgetReason: 'high-cost',
          category: 'FS',
          committed: '200.00',
          actual: '3000.00',
          forecast: '3200.00',
          months: [{ month: '2025-04', committed: '200.00', actual: '3000.00', forecast: '3200.00' }],
        },
      ],
    });
    expect(table.rows).toEqual([
      ['TR-E', '2025', 'HRO-TW', 'Im Budget', 'fallspezifisch', '2025-03', '500.00', '1300.00', '1800.00'],
      ['TR-E', '2025', 'HRO-TW', 'Im Budget', 'fallspezifisch', 'Gesamt', '500.00', '1300.00', '1800.00'],
      ['TR-E', '2025', 'HRO-TW', 'Neben dem Budget: Hochkostenfall', 'fallspezifisch', '2025-04', '200.00', '3000.00', '3200.00'],
      ['TR-E', '2025', 'HRO-TW', 'Neben dem Budget: Hochkostenfall', 'fallspezifisch', 'Gesamt', '200.00', '3000.00', '3200.00'],
      ['TR-E', '2025', '', 'Gesamt (im und neben dem Budget)', '', 'Gesamt', '700.00', '4300.00', '5000.00'],
    ]);
  });
});

describe('steeringParameters', () => {
  it('names the view: today and everything known now, or the Stichtag and Wissensstand asked for', () => {
    expect(steeringParameters('Auslastung', 'HRO-TW', 2025, {}).map((p) => [p.label, p.value])).toEqual([
      ['Auswertung', 'Auslastung'],
      ['Sozialraum', 'HRO-TW'],
      ['Haushaltsjahr', '2025'],
      ['Stand am', 'heute'],
      ['Wissensstand', 'aktuell'],
    ]);
    expect(steeringParameters('Auslastung', 'HRO-TW', 2025, { asOf: '2025-06-30', knownAt: '2025-07-01T08:00:00Z', knownAtPosition: '42' }).slice(3)).toEqual([
      { label: 'Stand am', value: '2025-06-30', kind: 'date' },
      { label: 'Wissensstand', value: '2025-07-01T08:00:00Z', kind: 'timestamp' },
      { label: 'Protokollposition', value: 'bis 42' },
    ]);
  });
});
