import { DomainError } from '../../../libs/ddd/domain-error';
import { Decimal } from '../../../libs/money';
import { DEFAULT_CONTRACT_TERMS } from '../../budgets';
import { calculateSettlement } from './settlement';
import { SteeringEvent } from './steering.events';
import { SteeringState, evolveSteering, initialSteeringState } from './steering-stream';
import {
  decideCalculateSettlement,
  decideCloseProcedure,
  decideConfirmSettlement,
  decideCrossings,
  decideKaemmereiReport,
  decideMonthClose,
  decideSteeringMeeting,
  decideSupplementaryDecision,
  decideSupplementaryRequest,
  settlementReadyToApply,
} from './steering.decisions';
import { Crossing } from './thresholds';
import { supplementaryRequestDue } from './kaemmerei-report';

const d = (v: string) => new Decimal(v);
const PARTIES = { jugendamtId: 'HRO-JA', leadProviderId: 'TR-E' };
const fold = (events: SteeringEvent[], from: SteeringState = initialSteeringState) => events.reduce(evolveSteering, from);
const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.problem;
    throw error;
  }
  throw new Error('expected a refusal');
};
const crossing = (kind: Crossing['kind'], businessDate: string, eventId = 'e1'): Crossing => ({
  kind,
  thresholdPct: kind === 'warning' ? '100' : kind === 'procedure' ? '105' : '110',
  businessDate,
  eventId,
  forecast: d('215000'),
  budget: d('200000'),
});

describe('steering decisions', () => {
  it('raises each threshold once, on the business date of the crossing', () => {
    const first = decideCrossings([crossing('warning', '2025-10-01'), crossing('procedure', '2025-10-01')], initialSteeringState, 'HRO-TW', 2025);
    expect(first.map((e) => [e.type, e.businessDate])).toEqual([
      ['BudgetWarningRaised', '2025-10-01'],
      ['OverrunProcedureOpened', '2025-10-01'],
    ]);
    expect((first[1].data as any).meetingDueBy).toBe('2025-10-15');
    const state = fold(first);
    expect(decideCrossings([crossing('warning', '2025-10-01'), crossing('procedure', '2025-10-01')], state, 'HRO-TW', 2025)).toEqual([]);
  });

  it('explains a late correction that moves or removes a crossing instead of raising again', () => {
    const state = fold(decideCrossings([crossing('warning', '2025-10-01')], initialSteeringState, 'HRO-TW', 2025));
    const moved = decideCrossings([crossing('warning', '2025-09-20', 'late')], state, 'HRO-TW', 2025);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ type: 'ThresholdCrossingMoved', data: { kind: 'warning', previousDate: '2025-10-01', newDate: '2025-09-20', causeEventId: 'late' } });
    const after = fold(moved, state);
    expect(after.crossings.warning?.businessDate).toBe('2025-09-20');
    const withdrawn = decideCrossings([], after, 'HRO-TW', 2025);
    expect(withdrawn[0]).toMatchObject({ type: 'ThresholdCrossingMoved', data: { kind: 'warning', newDate: null } });
    expect(fold(withdrawn, after).crossings.warning).toBeUndefined();
  });

  it('states a withdrawn crossing that stands again as a move, never as a second raise', () => {
    const raised = fold(decideCrossings([crossing('warning', '2025-10-01')], initialSteeringState, 'HRO-TW', 2025));
    const withdrawn = fold(decideCrossings([], raised, 'HRO-TW', 2025), raised);
    expect(withdrawn.withdrawnCrossings.warning).toEqual({ businessDate: '2025-10-01' });
    const again = decideCrossings([crossing('warning', '2025-11-03', 'later')], withdrawn, 'HRO-TW', 2025);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ type: 'ThresholdCrossingMoved', data: { kind: 'warning', previousDate: null, newDate: '2025-11-03', causeEventId: 'later' }, businessDate: '2025-11-03' });
    const standing = fold(again, withdrawn);
    expect(standing.crossings.warning?.businessDate).toBe('2025-11-03');
    expect(standing.withdrawnCrossings.warning).toBeUndefined();
    expect(decideCrossings([crossing('warning', '2025-11-03', 'later')], standing, 'HRO-TW', 2025)).toEqual([]);
  });

  it('keeps crossings and their withdrawals in threshold order, whatever order the corrections came in', () => {
    const raised = fold(decideCrossings([crossing('warning', '2025-10-01'), crossing('procedure', '2025-10-01')], initialSteeringState, 'HRO-TW', 2025));
    // The warning alone is withdrawn and stands again: it is set last, after the procedure.
    const warningWithdrawn = fold(decideCrossings([crossing('procedure', '2025-10-01')], raised, 'HRO-TW', 2025), raised);
    const both = fold(decideCrossings([crossing('warning', '2025-10-05', 'w2'), crossing('procedure', '2025-10-01')], warningWithdrawn, 'HRO-TW', 2025), warningWithdrawn);
    expect(Object.keys(both.crossings)).toEqual(['warning', 'procedure']);
    const withdrawn = decideCrossings([], both, 'HRO-TW', 2025);
    expect(withdrawn.map((e) => (e.data as any).kind)).toEqual(['warning', 'procedure']);
    expect(Object.keys(fold(withdrawn, both).withdrawnCrossings)).toEqual(['warning', 'procedure']);
  });

  it('moves the overrun procedure with its crossing and marks it while the crossing is withdrawn', () => {
    const opened = fold(decideCrossings([crossing('procedure', '2025-10-01')], initialSteeringState, 'HRO-TW', 2025));
    expect(opened.procedure).toMatchObject({ openedOn: '2025-10-01', meetingDueBy: '2025-10-15', crossingWithdrawnOn: null });
    const earlier = fold(decideCrossings([crossing('procedure', '2025-09-10', 'late')], opened, 'HRO-TW', 2025), opened);
    expect(earlier.procedure).toMatchObject({ openedOn: '2025-09-10', meetingDueBy: '2025-09-24', crossingWithdrawnOn: null });
    const withdrawn = fold(decideCrossings([], earlier, 'HRO-TW', 2025), earlier);
    expect(withdrawn.procedure).toMatchObject({ procedureId: 'UEV-HRO-TW-2025', crossingWithdrawnOn: '2025-09-10', closed: null });
  });

  it('closes a month once and detects the under-run from the review month on, once', () => {
    const figures = { forecast: d('161502.50'), budget: d('200000'), monitoringList: {}, logPosition: 42n };
    const august = decideMonthClose('2025-08', 2025, 'HRO-TW', figures, DEFAULT_CONTRACT_TERMS, initialSteeringState);
    expect(august.map((e) => e.type)).toEqual(['MonthClosed']);
    const september = decideMonthClose('2025-09', 2025, 'HRO-TW', figures, DEFAULT_CONTRACT_TERMS, fold(august));
    expect(september.map((e) => [e.type, e.businessDate])).toEqual([
      ['MonthClosed', '2025-09-30'],
      ['UnderrunDetected', '2025-09-30'],
    ]);
    expect(september[1].data).toMatchObject({ underrunLine: '190000.00', forecast: '161502.50' });
    const state = fold(september, fold(august));
    expect(decideMonthClose('2025-10', 2025, 'HRO-TW', figures, DEFAULT_CONTRACT_TERMS, state).map((e) => e.type)).toEqual(['MonthClosed']);
    expect(problem(() => decideMonthClose('2025-09', 2025, 'HRO-TW', figures, DEFAULT_CONTRACT_TERMS, state))).toBe('month-already-closed');
    expect(problem(() => decideMonthClose('2026-01', 2025, 'HRO-TW', figures, DEFAULT_CONTRACT_TERMS, state))).toBe('month-outside-year');
    // A month closes from its last day on, never before.
    expect(problem(() => decideMonthClose('2025-11', 2025, 'HRO-TW', figures, DEFAULT_CONTRACT_TERMS, state, '2025-11-29'))).toBe('month-not-ended');
    expect(decideMonthClose('2025-11', 2025, 'HRO-TW', figures, DEFAULT_CONTRACT_TERMS, state, '2025-11-30').map((e) => e.type)).toEqual(['MonthClosed']);
  });

  it('lists the closed months in calendar order, also when one was closed out of turn', () => {
    const figures = { forecast: d('150000'), budget: d('200000'), monitoringList: {}, logPosition: 1n };
    let state = initialSteeringState;
    for (const month of ['2025-03', '2025-01', '2025-02']) state = fold(decideMonthClose(month, 2025, 'HRO-TW', figures, DEFAULT_CONTRACT_TERMS, state), state);
    expect(state.closedMonths).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('runs the overrun procedure: meeting of both parties, request decided by the competent body, close', () => {
    expect(problem(() => decideSteeringMeeting('2025-10-10', [], [], initialSteeringState, PARTIES))).toBe('no-overrun-procedure');
    let state = fold(decideCrossings([crossing('procedure', '2025-10-01')], initialSteeringState, 'HRO-TW', 2025));
    expect(problem(() => decideCloseProcedure('done', state))).toBe('meeting-missing');
    expect(problem(() => decideSteeringMeeting('2025-10-10', [{ organisationId: 'HRO-JA', role: 'Controlling' }], ['x'], state, PARTIES))).toBe('meeting-needs-both-parties');
    // A member provider is not the lead provider.
    expect(problem(() => decideSteeringMeeting('2025-10-10', [{ organisationId: 'HRO-JA', role: 'Controlling' }, { organisationId: 'TR-F', role: 'Leitung' }], ['x'], state, PARTIES))).toBe('meeting-needs-both-parties');
    state = fold(decideSteeringMeeting('2025-10-10', [{ organisationId: 'HRO-JA', role: 'Controlling' }, { organisationId: 'TR-E', role: 'Geschäftsführung' }], ['Fallkonferenzen'], state, PARTIES), state);
    state = fold(decideSupplementaryRequest({ kind: 'ueberplanmaessig', amount: d('60000'), justification: 'unabweisbar', coverSource: 'Deckungsring HzE' }, DEFAULT_CONTRACT_TERMS, state), state);
    const request = state.procedure!.requests[0];
    expect(request.competentBody).toBe('Hauptausschuss');
    expect(problem(() => decideCloseProcedure('done', state))).toBe('requests-undecided');
    expect(problem(() => decideSupplementaryDecision(request.requestId, 'Oberbürgermeister', true, 'OB 1', null, state))).toBe('wrong-deciding-body');
    state = fold(decideSupplementaryDecision(request.requestId, 'Hauptausschuss', true, 'HA 2025/12', null, state), state);
    expect(problem(() => decideSupplementaryDecision(request.requestId, 'Hauptausschuss', true, 'HA 2025/12', null, state))).toBe('request-decided');
    state = fold(decideCloseProcedure('Mittel bewilligt', state), state);
    expect(state.procedure!.closed).toEqual({ outcome: 'Mittel bewilligt', closedOn: '' });
    expect(problem(() => decideCloseProcedure('again', state))).toBe('procedure-closed');
  });

  it('needs two confirmations of different organisations before a settlement is applied', () => {
    const figures = calculateSettlement(d('200000'), d('70000'), d('161502.50'), DEFAULT_CONTRACT_TERMS);
    expect(problem(() => decideConfirmSettlement('jugendamt', 'HRO-JA', initialSteeringState))).toBe('settlement-not-found');
    let state = fold(decideCalculateSettlement(figures, 'HRO-TW', 2025, 'TR-E', 99n, initialSteeringState));
    expect(problem(() => decideCalculateSettlement(figures, 'HRO-TW', 2025, 'TR-E', 99n, state))).toBe('settlement-exists');
    state = fold(decideConfirmSettlement('jugendamt', 'HRO-JA', state), state);
    expect(settlementReadyToApply(state)).toBe(false);
    expect(problem(() => decideConfirmSettlement('jugendamt', 'HRO-JA', state))).toBe('already-confirmed');
    expect(problem(() => decideConfirmSettlement('lead-provider', 'TR-G', state))).toBe('not-lead-provider');
    state = fold(decideConfirmSettlement('lead-provider', 'TR-E', state), state);
    expect(settlementReadyToApply(state)).toBe(true);
  });

  describe('report to the Kämmerei (R7)', () => {
    const termsOn = () => DEFAULT_CONTRACT_TERMS;
    const figures = (forecast: string, actual = '40000.00') => ({ budget: d('120000.00'), forecast: d(forecast), actual: d(actual), logPosition: 77n });
    const sending = (reportedOn: string, reference = 'Vorlage 2025/KÄ-017') => ({ reportedOn, reference });
    const opened = () => fold(decideCrossings([crossing('warning', '2025-05-20'), crossing('procedure', '2025-05-20')], initialSteeringState, 'HRO-UE', 2025));
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (error instanceof DomainError) return { problem: error.problem, status: error.status };
        throw error;
      }
      throw new Error('expected a refusal');
    };

    it('is refused without a procedure (404), for a closed one (422) and before the procedure opened', () => {
      expect(refusal(() => decideKaemmereiReport(sending('2025-06-01'), figures('132000.00'), 'HRO-UE', 2025, termsOn, initialSteeringState))).toEqual({ problem: 'no-overrun-procedure', status: 404 });
      let state = opened();
      expect(refusal(() => decideKaemmereiReport(sending('2025-05-19'), figures('132000.00'), 'HRO-UE', 2025, termsOn, state))).toEqual({ problem: 'report-before-procedure', status: 422 });
      state = fold(decideSteeringMeeting('2025-05-28', [{ organisationId: 'HRO-JA', role: 'Amtsleitung' }, { organisationId: 'TR-E', role: 'Geschäftsführung' }], ['Fallkonferenz'], state, PARTIES), state);
      state = fold(decideCloseProcedure('Maßnahmen vereinbart', state), state);
      expect(refusal(() => decideKaemmereiReport(sending('2025-06-30'), figures('132000.00'), 'HRO-UE', 2025, termsOn, state))).toEqual({ problem: 'procedure-closed', status: 422 });
    });

    it('records the figures as sent, frozen, and numbers each later sending', () => {
      let state = opened();
      state = fold(decideSteeringMeeting('2025-05-28', [{ organisationId: 'HRO-JA', role: 'Amtsleitung' }, { organisationId: 'TR-E', role: 'Geschäftsführung' }], ['Fallkonferenz', 'ambulante Alternativen'], state, PARTIES), state);
      const input = figures('132000.00');
      const first = decideKaemmereiReport(sending('2025-06-05'), input, 'HRO-UE', 2025, termsOn, state);
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({ type: 'KaemmereiReported', businessDate: '2025-06-05' });
      const sent = first[0].data as any;
      expect(sent).toMatchObject({ procedureId: 'UEV-HRO-UE-2025', reportNo: 1, reportedOn: '2025-06-05', reference: 'Vorlage 2025/KÄ-017', logPosition: '77' });
      expect(sent.report).toEqual({
        procedureId: 'UEV-HRO-UE-2025',
        sozialraumId: 'HRO-UE',
        fiscalYear: 2025,
        openedOn: '2025-05-20',
        crossingWithdrawnOn: null,
        budget: '120000.00',
        forecast: '132000.00',
        forecastPctOfBudget: '110.00',
        forecastExcess: '12000.00',
        actual: '40000.00',
        crossings: [
          { kind: 'warning', thresholdPct: '100', crossedOn: '2025-05-20' },
          { kind: 'procedure', thresholdPct: '105', crossedOn: '2025-05-20' },
        ],
        meetingDueBy: '2025-06-03',
        meetings: [{ heldOn: '2025-05-28', participants: [{ organisationId: 'HRO-JA', role: 'Amtsleitung' }, { organisationId: 'TR-E', role: 'Geschäftsführung' }], measures: ['Fallkonferenz', 'ambulante Alternativen'] }],
        supplementaryRequests: [],
        supplementaryRequestDue: { forecastExcess: '12000.00', requested: '0.00', approved: '0.00', outstanding: '12000.00', due: true },
        previousReports: [],
      });
      const frozen = JSON.parse(JSON.stringify(sent));
      // Nothing that changes afterwards reaches the recorded figures: not the caller's objects,
      // not the procedure's later course, not a later sending with updated figures.
      input.forecast = d('999999.00');
      state = fold(first, state);
      (state.procedure!.meetings[0].measures as string[]).push('später ergänzt');
      state = fold(decideSupplementaryRequest({ kind: 'ueberplanmaessig', amount: d('12000'), justification: 'unabweisbar', coverSource: 'Deckungsring HzE' }, DEFAULT_CONTRACT_TERMS, state), state);
      const second = decideKaemmereiReport(sending('2025-07-01', 'Vorlage 2025/KÄ-021'), figures('138000.00', '55000.00'), 'HRO-UE', 2025, termsOn, state);
      state = fold(second, state);
      expect(sent).toEqual(frozen);
      expect(state.procedure!.kaemmereiReports[0]).toEqual({ reportNo: 1, reportedOn: '2025-06-05', reference: 'Vorlage 2025/KÄ-017', report: frozen.report, logPosition: '77' });
      const update = state.procedure!.kaemmereiReports[1];
      expect(update).toMatchObject({ reportNo: 2, reportedOn: '2025-07-01', reference: 'Vorlage 2025/KÄ-021' });
      expect(update.report).toMatchObject({
        forecast: '138000.00',
        forecastPctOfBudget: '115.00',
        forecastExcess: '18000.00',
        actual: '55000.00',
        supplementaryRequestDue: { forecastExcess: '18000.00', requested: '12000.00', approved: '0.00', outstanding: '6000.00', due: true },
        previousReports: [{ reportNo: 1, reportedOn: '2025-06-05', reference: 'Vorlage 2025/KÄ-017' }],
      });
      expect(update.report.supplementaryRequests).toMatchObject([{ requestId: 'UEV-HRO-UE-2025-A1', amount: '12000.00', competentBody: 'Oberbürgermeister', decision: null }]);
    });

    it('counts requests not rejected against the forecast excess; nothing is due once covered or closed', () => {
      let state = opened();
      const request = (amount: string) => decideSupplementaryRequest({ kind: 'ueberplanmaessig', amount: d(amount), justification: 'unabweisbar', coverSource: 'Deckungsring HzE' }, DEFAULT_CONTRACT_TERMS, state);
      const due = (forecast: string) => supplementaryRequestDue(figures(forecast), state.procedure!);
      // Below B there is no excess to request.
      expect(due('118000.00')).toEqual({ forecastExcess: '0.00', requested: '0.00', approved: '0.00', outstanding: '0.00', due: false });
      state = fold(request('5000.00'), state);
      state = fold(decideSupplementaryDecision('UEV-HRO-UE-2025-A1', 'Oberbürgermeister', false, 'OB 2025/1', null, state), state);
      state = fold(request('4000.00'), state);
      expect(due('132000.00')).toEqual({ forecastExcess: '12000.00', requested: '4000.00', approved: '0.00', outstanding: '8000.00', due: true });
      state = fold(decideSupplementaryDecision('UEV-HRO-UE-2025-A2', 'Oberbürgermeister', true, 'OB 2025/2', null, state), state);
      state = fold(request('8000.00'), state);
      expect(due('132000.00')).toEqual({ forecastExcess: '12000.00', requested: '12000.00', approved: '4000.00', outstanding: '0.00', due: false });
      // The forecast rises: the excess outgrows what was requested.
      expect(due('132000.01')).toMatchObject({ forecastExcess: '12000.01', outstanding: '0.01', due: true });
      state = fold(decideSupplementaryDecision('UEV-HRO-UE-2025-A3', 'Oberbürgermeister', true, 'OB 2025/3', null, state), state);
      state = fold(decideSteeringMeeting('2025-05-28', [{ organisationId: 'HRO-JA', role: 'Amtsleitung' }, { organisationId: 'TR-E', role: 'Geschäftsführung' }], ['Fallkonferenz'], state, PARTIES), state);
      state = fold(decideCloseProcedure('Mittel bewilligt', state), state);
      expect(due('140000.00')).toEqual({ forecastExcess: '20000.00', requested: '12000.00', approved: '12000.00', outstanding: '8000.00', due: false });
    });
  });
});
