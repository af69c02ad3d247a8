import { Decimal, ZERO } from '../../../libs/money';
import { DEFAULT_CONTRACT_TERMS } from '../../budgets';
import { deciderSpec } from '../../../test/support/decider-spec';
import { TimelineChange } from './forecast-timeline';
import { SteeringEvent, ThresholdKind } from './steering.events';
import { initialSteeringState, steeringDecider } from './steering-stream';
import { Crossing, decideCrossings, decideThresholds, isUnderrun, underrunAtMonthClose } from './thresholds';

const d = (v: string) => new Decimal(v);
const YEAR = { sozialraumId: 'HRO-TW', fiscalYear: 2025 };
const PCT: Record<ThresholdKind, string> = { warning: '100', procedure: '105', renegotiation: '110' };

const crossing = (kind: ThresholdKind, businessDate: string, eventId = 'e1'): Crossing => ({
  kind,
  thresholdPct: PCT[kind],
  businessDate,
  eventId,
  forecast: d('215000'),
  budget: d('200000'),
});

/** A crossing as recorded on the steering stream (forecast 215,000.00 of B 200,000.00). */
function raised(kind: ThresholdKind, on: string, causeEventId = 'e1'): SteeringEvent {
  const data = { ...YEAR, kind, thresholdPct: PCT[kind], forecast: '215000.00', budget: '200000.00', pctOfBudget: '107.50', causeEventId };
  if (kind === 'procedure')
    return { type: 'OverrunProcedureOpened', data: { ...data, procedureId: 'UEV-HRO-TW-2025', meetingDueBy: meetingDue(on) }, businessDate: on };
  return { type: kind === 'warning' ? 'BudgetWarningRaised' : 'RenegotiationTriggered', data, businessDate: on };
}
const meetingDue = (on: string) => new Date(Date.parse(`${on}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
const moved = (kind: ThresholdKind, previousDate: string | null, newDate: string | null, causeEventId: string | null = null): SteeringEvent => ({
  type: 'ThresholdCrossingMoved',
  data: { kind, previousDate, newDate, causeEventId, explanation: 'as recorded' },
  businessDate: newDate ?? previousDate ?? undefined,
});

describe('R7 thresholds: the crossings a history makes, stated against those recorded', () => {
  const spec = deciderSpec(steeringDecider, decideCrossings);

  it('raises each threshold once, on the business date of the crossing', () => {
    const first = spec
      .given([])
      .when(YEAR, { crossings: [crossing('warning', '2025-10-01'), crossing('procedure', '2025-10-01')] })
      .thenEvents([raised('warning', '2025-10-01'), raised('procedure', '2025-10-01')]);
    expect(first.map((e) => [e.type, e.businessDate])).toEqual([
      ['BudgetWarningRaised', '2025-10-01'],
      ['OverrunProcedureOpened', '2025-10-01'],
    ]);
    expect(first[1].type === 'OverrunProcedureOpened' && first[1].data.meetingDueBy).toBe('2025-10-15');
    spec
      .given(first)
      .when(YEAR, { crossings: [crossing('warning', '2025-10-01'), crossing('procedure', '2025-10-01')] })
      .thenEvents([]);
  });

  it('explains a late correction that moves or removes a crossing instead of raising again', () => {
    const late = spec.given([raised('warning', '2025-10-01')]).when(YEAR, { crossings: [crossing('warning', '2025-09-20', 'late')] });
    const movedEvents = late.events();
    expect(movedEvents).toHaveLength(1);
    expect(movedEvents[0]).toMatchObject({
      type: 'ThresholdCrossingMoved',
      data: { kind: 'warning', previousDate: '2025-10-01', newDate: '2025-09-20', causeEventId: 'late' },
    });
    expect(late.thenState().crossings.warning?.businessDate).toBe('2025-09-20');
    const gone = spec.given([raised('warning', '2025-10-01'), moved('warning', '2025-10-01', '2025-09-20', 'late')]).when(YEAR, { crossings: [] });
    expect(gone.events()[0]).toMatchObject({ type: 'ThresholdCrossingMoved', data: { kind: 'warning', newDate: null } });
    expect(gone.thenState().crossings.warning).toBeUndefined();
  });

  it('states a withdrawn crossing that stands again as a move, never as a second raise', () => {
    expect(
      spec
        .given([raised('warning', '2025-10-01')])
        .when(YEAR, { crossings: [] })
        .thenState().withdrawnCrossings.warning,
    ).toEqual({ businessDate: '2025-10-01' });
    const withdrawn = [raised('warning', '2025-10-01'), moved('warning', '2025-10-01', null)];
    const again = spec.given(withdrawn).when(YEAR, { crossings: [crossing('warning', '2025-11-03', 'later')] });
    const events = again.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'ThresholdCrossingMoved',
      data: { kind: 'warning', previousDate: null, newDate: '2025-11-03', causeEventId: 'later' },
      businessDate: '2025-11-03',
    });
    const standing = again.thenState();
    expect(standing.crossings.warning?.businessDate).toBe('2025-11-03');
    expect(standing.withdrawnCrossings.warning).toBeUndefined();
    spec
      .given([...withdrawn, ...events])
      .when(YEAR, { crossings: [crossing('warning', '2025-11-03', 'later')] })
      .thenEvents([]);
  });

  it('keeps crossings and their withdrawals in threshold order, whatever order the corrections came in', () => {
    const raisedBoth = [raised('warning', '2025-10-01'), raised('procedure', '2025-10-01')];
    // The warning alone is withdrawn and stands again: it is set last, after the procedure.
    const warningWithdrawn = spec.given(raisedBoth).when(YEAR, { crossings: [crossing('procedure', '2025-10-01')] });
    expect(warningWithdrawn.events()).toMatchObject([{ type: 'ThresholdCrossingMoved', data: { kind: 'warning', previousDate: '2025-10-01', newDate: null } }]);
    const history = [...raisedBoth, moved('warning', '2025-10-01', null)];
    const both = spec.given(history).when(YEAR, { crossings: [crossing('warning', '2025-10-05', 'w2'), crossing('procedure', '2025-10-01')] });
    expect(Object.keys(both.thenState().crossings)).toEqual(['warning', 'procedure']);
    const withdrawn = spec.given([...history, ...both.events()]).when(YEAR, { crossings: [] });
    expect(withdrawn.events().map((e) => e.type === 'ThresholdCrossingMoved' && e.data.kind)).toEqual(['warning', 'procedure']);
    expect(Object.keys(withdrawn.thenState().withdrawnCrossings)).toEqual(['warning', 'procedure']);
  });

  it('moves the overrun procedure with its crossing and marks it while the crossing is withdrawn', () => {
    expect(
      spec
        .given([])
        .when(YEAR, { crossings: [crossing('procedure', '2025-10-01')] })
        .thenState().procedure,
    ).toMatchObject({ openedOn: '2025-10-01', meetingDueBy: '2025-10-15', crossingWithdrawnOn: null });
    const opened = [raised('procedure', '2025-10-01')];
    const earlier = spec.given(opened).when(YEAR, { crossings: [crossing('procedure', '2025-09-10', 'late')] });
    expect(earlier.thenState().procedure).toMatchObject({ openedOn: '2025-09-10', meetingDueBy: '2025-09-24', crossingWithdrawnOn: null });
    const withdrawn = spec
      .given([...opened, ...earlier.events()])
      .when(YEAR, { crossings: [] })
      .thenState();
    expect(withdrawn.procedure).toMatchObject({ procedureId: 'UEV-HRO-TW-2025', crossingWithdrawnOn: '2025-09-10', closed: null });
  });
});

describe('R7 thresholds: what the threshold watch decides for a Sozialraum-year from its change rows', () => {
  const spec = deciderSpec(steeringDecider, decideThresholds);
  let position = 0n;
  const change = (businessDate: string, eventId: string, delta: string): TimelineChange => ({
    businessDate,
    eventId,
    type: delta.startsWith('-') ? 'CommitmentReleased' : 'CommitmentRecorded',
    position: ++position,
    delta: d(delta),
    planning: null,
    cause: { kind: 'approval', id: eventId },
  });
  const allocated = (businessDate: string, total: string): TimelineChange => ({
    businessDate,
    eventId: 'alloc',
    type: 'BudgetAllocated',
    position: ++position,
    delta: ZERO,
    planning: { sozialraumId: 'HRO-TW', fiscalYear: 2025, planned: { FS: total, FUE: '0.00', FU: '0.00' }, total },
    cause: { kind: 'budget', id: 'HRO-JA/budget/HRO-TW/2025' },
  });
  const termsOn = () => DEFAULT_CONTRACT_TERMS;
  // B 200,000.00; 190,000.00 bound in January, 25,000.00 more on 05.03.: 107.5 % from that day.
  const year = () => [allocated('2025-01-01', '200000.00'), change('2025-01-10', 'c1', '190000.00'), change('2025-03-05', 'c2', '25000.00')];

  it('raises the lines the forecast crosses on the business date of the change that crossed them, with its figures', () => {
    const events = spec.given([]).when(YEAR, { changes: year(), termsOn }).events();
    expect(events).toEqual([
      {
        type: 'BudgetWarningRaised',
        data: { ...YEAR, kind: 'warning', thresholdPct: '100', forecast: '215000.00', budget: '200000.00', pctOfBudget: '107.50', causeEventId: 'c2' },
        businessDate: '2025-03-05',
      },
      {
        type: 'OverrunProcedureOpened',
        data: {
          ...YEAR,
          kind: 'procedure',
          thresholdPct: '105',
          forecast: '215000.00',
          budget: '200000.00',
          pctOfBudget: '107.50',
          causeEventId: 'c2',
          procedureId: 'UEV-HRO-TW-2025',
          meetingDueBy: '2025-03-19',
        },
        businessDate: '2025-03-05',
      },
    ]);
  });

  it('decides nothing again on the history it decided on', () => {
    const changes = year();
    const first = spec.given([]).when(YEAR, { changes, termsOn }).events();
    spec.given(first).when(YEAR, { changes, termsOn }).thenEvents([]);
  });

  it('moves a crossing to the earlier date of a booking recorded later, and raises what that booking newly crosses', () => {
    const changes = year();
    const recorded = spec.given([]).when(YEAR, { changes, termsOn }).events();
    // Recorded after the others, dated 01.02.: 205,000.00 (102.5 %) then, 230,000.00 (115 %) from 05.03.
    const events = spec
      .given(recorded)
      .when(YEAR, { changes: [...changes, change('2025-02-01', 'late', '15000.00')], termsOn })
      .events();
    expect(events).toMatchObject([
      {
        type: 'ThresholdCrossingMoved',
        data: { kind: 'warning', previousDate: '2025-03-05', newDate: '2025-02-01', causeEventId: 'late' },
        businessDate: '2025-02-01',
      },
      {
        type: 'RenegotiationTriggered',
        data: { kind: 'renegotiation', thresholdPct: '110', forecast: '230000.00', pctOfBudget: '115.00', causeEventId: 'c2' },
        businessDate: '2025-03-05',
      },
    ]);
  });

  it('withdraws the crossings a release dated earlier undoes, in threshold order, dated as they were recorded', () => {
    const changes = year();
    const recorded = spec.given([]).when(YEAR, { changes, termsOn }).events();
    const events = spec
      .given(recorded)
      .when(YEAR, { changes: [...changes, change('2025-03-01', 'storno', '-30000.00')], termsOn })
      .events();
    expect(events).toMatchObject([
      { type: 'ThresholdCrossingMoved', data: { kind: 'warning', previousDate: '2025-03-05', newDate: null, causeEventId: null }, businessDate: '2025-03-05' },
      {
        type: 'ThresholdCrossingMoved',
        data: { kind: 'procedure', previousDate: '2025-03-05', newDate: null, causeEventId: null },
        businessDate: '2025-03-05',
      },
    ]);
  });

  it('keeps a crossing that a later change of the same day undoes: within a day the log order counts', () => {
    const events = spec
      .given([])
      .when(YEAR, { changes: [...year(), change('2025-03-05', 'same-day', '-30000.00')], termsOn })
      .events();
    expect(events.map((e) => [e.type, e.businessDate])).toEqual([
      ['BudgetWarningRaised', '2025-03-05'],
      ['OverrunProcedureOpened', '2025-03-05'],
    ]);
  });

  it('measures each change against the thresholds of the contract in force on its date', () => {
    const raisedFromMarch = (date: string) =>
      date >= '2025-03-01'
        ? { ...DEFAULT_CONTRACT_TERMS, warningThresholdPct: '150', procedureThresholdPct: '155', renegotiationThresholdPct: '160' }
        : DEFAULT_CONTRACT_TERMS;
    spec.given([]).when(YEAR, { changes: year(), termsOn: raisedFromMarch }).thenEvents([]);
    const recorded = spec.given([]).when(YEAR, { changes: year(), termsOn }).events();
    expect(spec.given(recorded).when(YEAR, { changes: year(), termsOn: raisedFromMarch }).thenState().crossings).toEqual({});
  });

  it('raises nothing before a B exists', () => {
    spec
      .given([])
      .when(YEAR, { changes: [change('2025-01-10', 'c1', '190000.00')], termsOn })
      .thenEvents([]);
  });
});

describe('R7 under-run at the month close', () => {
  const terms = DEFAULT_CONTRACT_TERMS;

  it('lies below (100 % − corridor) of B, never without a B', () => {
    expect(isUnderrun(d('189999.99'), d('200000'), terms)).toBe(true);
    expect(isUnderrun(d('190000.00'), d('200000'), terms)).toBe(false);
    expect(isUnderrun(d('0'), d('0'), terms)).toBe(false);
  });

  it('is detected from the review month on, once a year', () => {
    const low = { forecast: d('161502.50'), budget: d('200000'), terms };
    expect(underrunAtMonthClose('2025-08', initialSteeringState, low)).toBe(false);
    expect(underrunAtMonthClose('2025-09', initialSteeringState, low)).toBe(true);
    expect(underrunAtMonthClose('2025-10', { ...initialSteeringState, underrunDetectedOn: '2025-09-30' }, low)).toBe(false);
    expect(underrunAtMonthClose('2025-09', initialSteeringState, { ...low, forecast: d('195000') })).toBe(false);
  });
});
