/// <reference types="jest" />
import { describeCause, findCrossings, thresholdLabel } from './timeline';

const at = (...pcts: string[]) => pcts.map((pctOfBudget) => ({ pctOfBudget }));

describe('findCrossings', () => {
  it('marks each threshold where the share of B first rises above it', () => {
    expect(findCrossings(at('40.00', '99.99', '100.80', '104.00', '106.10'))).toEqual([
      { index: 2, threshold: '100', label: 'Warnschwelle' },
      { index: 4, threshold: '105', label: 'Überschreitungsverfahren' },
    ]);
  });

  it('counts being at a threshold as not above it', () => {
    expect(findCrossings(at('100.00'))).toEqual([]);
    expect(findCrossings(at('99.00', '105.00')).map((c) => c.threshold)).toEqual(['100']);
    expect(findCrossings(at('106.00', '110.00')).map((c) => c.threshold)).toEqual(['100', '105']);
    expect(findCrossings(at('100.00', '100.01'))).toEqual([{ index: 1, threshold: '100', label: 'Warnschwelle' }]);
  });

  it('marks all thresholds one change jumps over', () => {
    expect(findCrossings(at('90.00', '111.00')).map((c) => c.threshold)).toEqual(['100', '105', '110']);
  });

  it('marks a crossing again after the share fell back below', () => {
    expect(findCrossings(at('101.00', '98.00', '102.00')).map((c) => c.index)).toEqual([0, 2]);
  });

  it('finds nothing in an empty timeline', () => {
    expect(findCrossings([])).toEqual([]);
  });
});

describe('describeCause', () => {
  it('names the cause with its reference and label', () => {
    expect(describeCause({ type: 'ApprovalGranted', cause: { kind: 'approval', id: 'A-1', caseRef: 'TW-25-001', label: 'Tagesgruppe' } })).toBe(
      'Bewilligung TW-25-001 (Tagesgruppe)',
    );
    expect(describeCause({ type: 'SubsidyGranted', cause: { kind: 'subsidy', id: 'Z-7', label: 'Winterferienprogramm' } })).toBe(
      'Zuwendung Z-7 (Winterferienprogramm)',
    );
    expect(describeCause({ type: 'BudgetAmended', cause: { kind: 'budget', id: 'HRO-TW-2025', reason: 'Nachtrag' } })).toBe('Budget (Nachtrag)');
  });

  it('falls back to the event type without a cause, and to the kind it does not know', () => {
    expect(describeCause({ type: 'BudgetOpened', cause: null })).toBe('BudgetOpened');
    expect(describeCause({ type: 'X', cause: { kind: 'other', id: 'O-1' } })).toBe('other O-1');
  });
});

describe('thresholdLabel', () => {
  it('names the threshold with its share of B', () => {
    expect(thresholdLabel({ label: 'Warnschwelle', threshold: '100' })).toBe('Warnschwelle (100\u00a0%)');
  });
});
