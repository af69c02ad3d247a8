import { Decimal } from '../../../libs/money';
import { DEFAULT_CONTRACT_TERMS } from '../../budgets';
import { calculateSettlement } from './settlement';

const d = (v: string) => new Decimal(v);

describe('R10 settlement: the branch checks of the rule book', () => {
  it('I = 185,000.00 within the corridor: no settlement', () => {
    expect(calculateSettlement(d('180000'), d('50000'), d('185000'), DEFAULT_CONTRACT_TERMS)).toMatchObject({
      outcome: 'none',
      deviation: '5000.00',
      corridor: '9000.00',
      providerShare: '0.00',
      carryForward: '0.00',
    });
  });

  it('I = 165,000.00: carry-forward 3,000.00, 12,000.00 returned', () => {
    expect(calculateSettlement(d('180000'), d('50000'), d('165000'), DEFAULT_CONTRACT_TERMS)).toMatchObject({
      outcome: 'underrun',
      deviation: '-15000.00',
      savings: '6000.00',
      carryForward: '3000.00',
      carryForwardCap: '18000.00',
      returnedToMunicipalBudget: '12000.00',
    });
  });

  it('I = 220,000.00: the cap binds, provider 5,000.00, Jugendamt 35,000.00', () => {
    expect(calculateSettlement(d('180000'), d('50000'), d('220000'), DEFAULT_CONTRACT_TERMS)).toMatchObject({
      outcome: 'overrun',
      deviation: '40000.00',
      excess: '31000.00',
      providerShareCap: '5000.00',
      providerShare: '5000.00',
      jugendamtShare: '35000.00',
    });
  });

  it('Toitenwinkel 2025: carry-forward 14,248.75, 24,248.75 returned', () => {
    expect(calculateSettlement(d('200000'), d('70000'), d('161502.50'), DEFAULT_CONTRACT_TERMS)).toMatchObject({
      outcome: 'underrun',
      deviation: '-38497.50',
      corridor: '10000.00',
      savings: '28497.50',
      carryForward: '14248.75',
      carryForwardCap: '20000.00',
      returnedToMunicipalBudget: '24248.75',
    });
  });

  it('rounds the shares half-up to the cent', () => {
    const figures = calculateSettlement(d('100000.00'), d('10000.00'), d('106000.01'), { ...DEFAULT_CONTRACT_TERMS, providerSharePct: '50' });
    expect(figures.excess).toBe('1000.01');
    expect(figures.providerShare).toBe('500.01');
    expect(figures.jugendamtShare).toBe('5500.00');
  });
});
