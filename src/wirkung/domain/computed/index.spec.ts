import { COMPUTED_INDICATORS } from './index';
import { toitenwinkelApprovals, toitenwinkelMoney } from './indicator-fixtures';

describe('COMPUTED_INDICATORS', () => {
  it('measures the worked example under every built-in key', () => {
    const input = toitenwinkelMoney(toitenwinkelApprovals()).input();
    const shown = Object.fromEntries(Object.entries(COMPUTED_INDICATORS).map(([key, indicator]) => [key, indicator(input).value?.toFixed(2) ?? null]));
    expect(shown).toEqual({
      'planmaessig-beendet': '75.00',
      'ambulant-anteil': '61.54',
      praeventionsanteil: '35.17',
      'hze-dichte': '1.15',
      'kosten-je-jm': '40.27',
      'dauer-beendeter-hilfen': '7.25',
    });
  });
});
