/// <reference types="jest" />
import {
  announceNew,
  comparePositions,
  describeShownNotifications,
  describeUnread,
  findNew,
  isUnread,
  newestPosition,
  notificationSeverity,
  notificationTypeLabel,
  unreadBySozialraum,
} from './notifications';

const page = (...ids: string[]) => ids.map((eventId) => ({ eventId }));

describe('notificationTypeLabel', () => {
  it('names each kind of notification in German', () => {
    expect(notificationTypeLabel('BudgetWarningRaised')).toBe('Warnschwelle überschritten');
    expect(notificationTypeLabel('OverrunProcedureOpened')).toBe('Überschreitungsverfahren eröffnet');
    expect(notificationTypeLabel('SettlementApplied')).toBe('Jahresabrechnung angewendet');
    expect(notificationTypeLabel('FourEyesWorkPending')).toBe('Erinnerung: Rechnungen warten auf die Prüfung');
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

describe('read mark', () => {
  it('compares log positions as numbers, also beyond what a float holds exactly', () => {
    expect(comparePositions('9', '10')).toBeLessThan(0);
    expect(comparePositions('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(comparePositions('4711', '4711')).toBe(0);
  });

  it('takes the highest position among the shown notifications, whatever their order', () => {
    expect(newestPosition([{ position: '120' }, { position: '98' }, { position: '1003' }, { position: '7' }])).toBe('1003');
    expect(newestPosition([])).toBeNull();
  });

  it('counts a notification as unread when recorded after the mark, and all of them without a mark', () => {
    expect(isUnread({ position: '101' }, '100')).toBe(true);
    expect(isUnread({ position: '100' }, '100')).toBe(false);
    expect(isUnread({ position: '99' }, '100')).toBe(false);
    expect(isUnread({ position: '1' }, null)).toBe(true);
  });

  it('picks the unread counts of one fiscal year by Sozialraum', () => {
    const counts = unreadBySozialraum(
      [
        { sozialraumId: 'HRO-TW', fiscalYear: 2025, unread: 2 },
        { sozialraumId: 'HRO-GK', fiscalYear: 2026, unread: 1 },
        { sozialraumId: 'HRO-TW', fiscalYear: 2026, unread: 4 },
      ],
      2026,
    );
    expect([...counts]).toEqual([
      ['HRO-GK', 1],
      ['HRO-TW', 4],
    ]);
  });

  it('says how many are unread in German', () => {
    expect(describeUnread(0)).toBe('keine ungelesenen Meldungen');
    expect(describeUnread(1)).toBe('1 ungelesene Meldung');
    expect(describeUnread(5)).toBe('5 ungelesene Meldungen');
  });
});
