/// <reference types="jest" />
import { announceNew, describeShownNotifications, findNew, notificationSeverity, notificationTypeLabel } from './notifications';

const page = (...ids: string[]) => ids.map((eventId) => ({ eventId }));

describe('notificationTypeLabel', () => {
  it('names each kind of notification in German', () => {
    expect(notificationTypeLabel('BudgetWarningRaised')).toBe('Warnschwelle überschritten');
    expect(notificationTypeLabel('OverrunProcedureOpened')).toBe('Überschreitungsverfahren eröffnet');
    expect(notificationTypeLabel('SettlementApplied')).toBe('Jahresabrechnung angewendet');
  });

  it('shows a kind it does not know as it came', () => {
    expect(notificationTypeLabel('SomethingNew')).toBe('SomethingNew');
  });
});

describe('notificationSeverity', () => {
  it('rates procedure and renegotiation above warnings and everything else as information', () => {
    expect(notificationSeverity('RenegotiationTriggered')).toBe('danger');
    expect(notificationSeverity('OverrunProcedureOpened')).toBe('danger');
    expect(notificationSeverity('BudgetWarningRaised')).toBe('warning');
    expect(notificationSeverity('SettlementCalculated')).toBe('info');
    expect(notificationSeverity('SomethingNew')).toBe('info');
  });
});

describe('findNew', () => {
  it('finds the notifications not seen before', () => {
    expect(findNew(new Set(['a', 'b']), [page('c', 'a', 'b')], 1)).toEqual(['c']);
    expect(findNew(new Set(['a', 'b']), [page('a', 'b')], 1)).toEqual([]);
  });

  it('counts a notification that moved to a later page as seen', () => {
    expect(findNew(new Set(['a', 'b', 'c']), [page('d', 'a'), page('b', 'c')], 2)).toEqual(['d']);
  });

  it('does not take pages loaded on request for new notifications', () => {
    expect(findNew(new Set(['a', 'b']), [page('a', 'b'), page('c', 'd')], 1)).toEqual([]);
    expect(findNew(new Set(['a', 'b']), [page('x', 'a'), page('b', 'c')], 1)).toEqual(['x']);
  });

  it('finds nothing in an empty list', () => {
    expect(findNew(new Set(), [], 0)).toEqual([]);
    expect(findNew(new Set(), [page()], 1)).toEqual([]);
  });
});

describe('announceNew', () => {
  it('says how many notifications are new', () => {
    expect(announceNew(1)).toBe('1 neue Meldung');
    expect(announceNew(4)).toBe('4 neue Meldungen');
  });
});

describe('describeShownNotifications', () => {
  it('counts the notifications shown in German', () => {
    expect(describeShownNotifications(1, false)).toBe('1 Meldung angezeigt');
    expect(describeShownNotifications(0, false)).toBe('0 Meldungen angezeigt');
    expect(describeShownNotifications(50, true)).toBe('50 Meldungen angezeigt, weitere vorhanden');
  });
});
