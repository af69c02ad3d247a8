import { Decimal } from '../../../libs/money';
import { DEFAULT_CONTRACT_TERMS } from '../../budgets';
import { deciderSpec } from '../../../test/support/decider-spec';
import { calculateSettlement } from './settlement';
import { LedgerBook } from './ledger-book';
import { SteeringEvent } from './steering.events';
import { steeringDecider } from './steering-stream';
import {
  decideCalculateSettlement,
  decideCloseProcedure,
  decideConfirmSettlement,
  decideKaemmereiReport,
  decideMonthClose,
  decideSettlementApplied,
  decideSteeringMeeting,
  decideSupplementaryDecision,
  decideSupplementaryRequest,
  refuseWhileWorkPending,
  settlementApplication,
  settlementReadyToApply,
} from './steering.decisions';
import { supplementaryRequestDue } from './kaemmerei-report';

const d = (v: string) => new Decimal(v);
const PARTIES = { jugendamtId: 'HRO-JA', leadProviderId: 'TR-E' };
const TW = { sozialraumId: 'HRO-TW', fiscalYear: 2025 };
const BOTH = [
  { organisationId: 'HRO-JA', role: 'Amtsleitung' },
  { organisationId: 'TR-E', role: 'Geschäftsführung' },
];

/** A Haushaltsüberwachungsliste as a month close freezes it (its figures do not matter here). */
const LIST = new LedgerBook('HRO-TW', 2025).monitoringList();

// Events as the steering stream records them.
const monthClosed = (month: string, monthEnd: string): SteeringEvent => ({
  type: 'MonthClosed',
  data: { ...TW, month, monitoringList: LIST, forecast: '161502.50', budget: '200000.00', pctOfBudget: '80.75', logPosition: '42' },
  businessDate: monthEnd,
});
const crossingData = (sozialraumId: string, kind: 'warning' | 'procedure', on: string) => ({
  sozialraumId,
  fiscalYear: 2025,
  kind,
  thresholdPct: kind === 'warning' ? '100' : '105',
  forecast: '215000.00',
  budget: '200000.00',
  pctOfBudget: '107.50',
  causeEventId: 'e1',
  businessDate: on,
});
const warningRaised = (sozialraumId: string, on: string): SteeringEvent => {
  const { businessDate, ...data } = crossingData(sozialraumId, 'warning', on);
  return { type: 'BudgetWarningRaised', data, businessDate };
};
const procedureOpened = (sozialraumId: string, on: string, meetingDueBy: string): SteeringEvent => {
  const { businessDate, ...data } = crossingData(sozialraumId, 'procedure', on);
  return { type: 'OverrunProcedureOpened', data: { ...data, procedureId: `UEV-${sozialraumId}-2025`, meetingDueBy }, businessDate };
};
const meetingHeld = (procedureId: string, heldOn: string, participants = BOTH, measures = ['Fallkonferenz']): SteeringEvent => ({
  type: 'SteeringMeetingHeld',
  data: { procedureId, heldOn, participants, measures },
  businessDate: heldOn,
});
const requested = (procedureId: string, n: number, amount: string, competentBody: string): SteeringEvent => ({
  type: 'SupplementaryExpenditureRequested',
  data: {
    procedureId,
    requestId: `${procedureId}-A${n}`,
    kind: 'ueberplanmaessig',
    amount,
    justification: 'unabweisbar',
    coverSource: 'Deckungsring HzE',
    competentBody,
  },
});
const decided = (procedureId: string, n: number, body: string, approved: boolean, decisionReference: string): SteeringEvent => ({
  type: 'SupplementaryExpenditureDecided',
  data: { procedureId, requestId: `${procedureId}-A${n}`, body, approved, decisionReference, note: null },
});
const procedureClosed = (procedureId: string, outcome: string): SteeringEvent => ({ type: 'OverrunProcedureClosed', data: { procedureId, outcome } });
const settlementFacts = {
  yearClosed: true as const,
  budget: d('200000'),
  flexibleBudget: d('70000'),
  actual: d('161502.50'),
  terms: DEFAULT_CONTRACT_TERMS,
  leadProviderId: 'TR-E',
  logPosition: 99n,
};
const settlementCalculated: SteeringEvent = {
  type: 'SettlementCalculated',
  data: {
    settlementId: 'ABR-HRO-TW-2025',
    ...TW,
    figures: calculateSettlement(d('200000'), d('70000'), d('161502.50'), DEFAULT_CONTRACT_TERMS),
    leadProviderId: 'TR-E',
    logPosition: '99',
    evaluation: null,
  },
};
const confirmed = (party: 'jugendamt' | 'lead-provider', organisationId: string): SteeringEvent => ({
  type: 'SettlementConfirmed',
  data: { settlementId: 'ABR-HRO-TW-2025', party, organisationId },
});

describe('steering decisions', () => {
  describe('month close', () => {
    const spec = deciderSpec(steeringDecider, decideMonthClose);
    const figures = { forecast: d('161502.50'), budget: d('200000'), monitoringList: LIST, logPosition: 42n, terms: DEFAULT_CONTRACT_TERMS };
    const close = (month: string, closedOn?: string) => ({ ...TW, month, closedOn });

    it('closes a month once and detects the under-run from the review month on, once', () => {
      spec
        .given([])
        .when(close('2025-08'), figures)
        .thenEvents([monthClosed('2025-08', '2025-08-31')]);
      const september = spec
        .given([monthClosed('2025-08', '2025-08-31')])
        .when(close('2025-09'), figures)
        .events();
      expect(september.map((e) => [e.type, e.businessDate])).toEqual([
        ['MonthClosed', '2025-09-30'],
        ['UnderrunDetected', '2025-09-30'],
      ]);
      expect(september[1].data).toMatchObject({ underrunLine: '190000.00', forecast: '161502.50' });
      const closed = spec.given([monthClosed('2025-08', '2025-08-31'), ...september]);
      expect(
        closed
          .when(close('2025-10'), figures)
          .events()
          .map((e) => e.type),
      ).toEqual(['MonthClosed']);
      closed.when(close('2025-09'), figures).thenRefused('month-already-closed');
      closed.when(close('2026-01'), figures).thenRefused('month-outside-year');
      // A month closes from its last day on, never before.
      closed.when(close('2025-11', '2025-11-29'), figures).thenRefused('month-not-ended');
      expect(
        closed
          .when(close('2025-11', '2025-11-30'), figures)
          .events()
          .map((e) => e.type),
      ).toEqual(['MonthClosed']);
    });

    it('lists the closed months in calendar order, also when one was closed out of turn', () => {
      const state = spec
        .given([monthClosed('2025-03', '2025-03-31'), monthClosed('2025-01', '2025-01-31')])
        .when(close('2025-02'), { ...figures, forecast: d('150000') })
        .thenState();
      expect(state.closedMonths).toEqual(['2025-01', '2025-02', '2025-03']);
    });
  });

  it('runs the overrun procedure: meeting of both parties, request decided by the competent body, close', () => {
    const meeting = deciderSpec(steeringDecider, decideSteeringMeeting);
    const request = deciderSpec(steeringDecider, decideSupplementaryRequest);
    const decision = deciderSpec(steeringDecider, decideSupplementaryDecision);
    const closing = deciderSpec(steeringDecider, decideCloseProcedure);
    const id = 'UEV-HRO-TW-2025';
    meeting.given([]).when({ heldOn: '2025-10-10', participants: [], measures: [] }, PARTIES).thenRefused('no-overrun-procedure');
    const opened = [procedureOpened('HRO-TW', '2025-10-01', '2025-10-15')];
    closing.given(opened).when({ outcome: 'done' }).thenRefused('meeting-missing');
    meeting
      .given(opened)
      .when({ heldOn: '2025-10-10', participants: [{ organisationId: 'HRO-JA', role: 'Controlling' }], measures: ['x'] }, PARTIES)
      .thenRefused('meeting-needs-both-parties');
    // A member provider is not the lead provider.
    meeting
      .given(opened)
      .when(
        {
          heldOn: '2025-10-10',
          participants: [
            { organisationId: 'HRO-JA', role: 'Controlling' },
            { organisationId: 'TR-F', role: 'Leitung' },
          ],
          measures: ['x'],
        },
        PARTIES,
      )
      .thenRefused('meeting-needs-both-parties');
    const participants = [
      { organisationId: 'HRO-JA', role: 'Controlling' },
      { organisationId: 'TR-E', role: 'Geschäftsführung' },
    ];
    const held = meeting
      .given(opened)
      .when({ heldOn: '2025-10-10', participants, measures: ['Fallkonferenzen'] }, PARTIES)
      .thenEvents([meetingHeld(id, '2025-10-10', participants, ['Fallkonferenzen'])]);
    const afterMeeting = [...opened, ...held];
    const asked = request
      .given(afterMeeting)
      .when({ kind: 'ueberplanmaessig', amount: d('60000'), justification: 'unabweisbar', coverSource: 'Deckungsring HzE' }, { terms: DEFAULT_CONTRACT_TERMS });
    asked.thenEvents([requested(id, 1, '60000.00', 'Hauptausschuss')]);
    const pending = [...afterMeeting, requested(id, 1, '60000.00', 'Hauptausschuss')];
    const requestId = asked.thenState().procedure!.requests[0].requestId;
    expect(asked.thenState().procedure!.requests[0].competentBody).toBe('Hauptausschuss');
    closing.given(pending).when({ outcome: 'done' }).thenRefused('requests-undecided');
    decision
      .given(pending)
      .when({ requestId, body: 'Oberbürgermeister', approved: true, decisionReference: 'OB 1', note: null })
      .thenRefused('wrong-deciding-body');
    decision
      .given(pending)
      .when({ requestId, body: 'Hauptausschuss', approved: true, decisionReference: 'HA 2025/12', note: null })
      .thenEvents([decided(id, 1, 'Hauptausschuss', true, 'HA 2025/12')]);
    const approved = [...pending, decided(id, 1, 'Hauptausschuss', true, 'HA 2025/12')];
    decision
      .given(approved)
      .when({ requestId, body: 'Hauptausschuss', approved: true, decisionReference: 'HA 2025/12', note: null })
      .thenRefused('request-decided');
    const closed = closing.given(approved).when({ outcome: 'Mittel bewilligt' });
    expect(closed.thenState().procedure!.closed).toEqual({ outcome: 'Mittel bewilligt', closedOn: '' });
    closing
      .given([...approved, ...closed.events()])
      .when({ outcome: 'again' })
      .thenRefused('procedure-closed');
  });

  describe('settlement (R10)', () => {
    const calculate = deciderSpec(steeringDecider, decideCalculateSettlement);
    const confirm = deciderSpec(steeringDecider, decideConfirmSettlement);

    it('is calculated once, after the year close', () => {
      calculate.given([]).when(TW, { yearClosed: false }).thenRefused('year-not-closed');
      calculate.given([]).when(TW, settlementFacts).thenEvents([settlementCalculated]);
      calculate.given([settlementCalculated]).when(TW, settlementFacts).thenRefused('settlement-exists');
    });

    it('needs two confirmations of different organisations before a settlement is applied', () => {
      confirm.given([]).when({ party: 'jugendamt', organisationId: 'HRO-JA' }).thenRefused('settlement-not-found');
      const byJugendamt = confirm.given([settlementCalculated]).when({ party: 'jugendamt', organisationId: 'HRO-JA' });
      expect(settlementReadyToApply(byJugendamt.thenState())).toBe(false);
      const once = [settlementCalculated, ...byJugendamt.events()];
      confirm.given(once).when({ party: 'jugendamt', organisationId: 'HRO-JA' }).thenRefused('already-confirmed');
      confirm.given(once).when({ party: 'lead-provider', organisationId: 'HRO-JA' }).thenRefused('confirmation-by-other-organisation-required');
      confirm.given(once).when({ party: 'lead-provider', organisationId: 'TR-G' }).thenRefused('not-lead-provider');
      expect(settlementReadyToApply(confirm.given(once).when({ party: 'lead-provider', organisationId: 'TR-E' }).thenState())).toBe(true);
    });

    it('is applied to the next year once both confirmed: the carry-forward of an under-run, into a budget that exists', () => {
      const application =
        (events: SteeringEvent[], nextYearBudget = true) =>
        () =>
          settlementApplication(TW, deciderSpec(steeringDecider, decideSettlementApplied).given(events).state, { nextYearBudget });
      expect(application([])).toThrow(expect.objectContaining({ problem: 'settlement-not-found', status: 404 }));
      expect(application([settlementCalculated, confirmed('jugendamt', 'HRO-JA')])).toThrow(expect.objectContaining({ problem: 'settlement-not-confirmed' }));
      const both = [settlementCalculated, confirmed('jugendamt', 'HRO-JA'), confirmed('lead-provider', 'TR-E')];
      expect(application(both, false)).toThrow(expect.objectContaining({ problem: 'next-year-budget-missing' }));
      const applied = application(both)();
      expect(applied).toEqual({ settlementId: 'ABR-HRO-TW-2025', toFiscalYear: 2026, kind: 'carry-forward', amount: '14248.75', bonus: '0.00' });
      const record = deciderSpec(steeringDecider, decideSettlementApplied);
      const recorded = record
        .given(both)
        .when(applied)
        .thenEvents([{ type: 'SettlementApplied', data: applied }]);
      // Recorded once: a second application finds it applied (409), a racing one records nothing.
      expect(application([...both, ...recorded])).toThrow(expect.objectContaining({ problem: 'settlement-applied', status: 409 }));
      record
        .given([...both, ...recorded])
        .when(applied)
        .thenEvents([]);
    });
  });

  it('closes the year only when no work of the year waits', () => {
    expect(() => refuseWhileWorkPending({ fiscalYear: 2025 }, { pending: [] })).not.toThrow();
    const pending = [{ kind: 'invoice', id: 'TW-25-001-B1-R1', description: 'Rechnung' }];
    expect(() => refuseWhileWorkPending({ fiscalYear: 2025 }, { pending })).toThrow(
      expect.objectContaining({
        problem: 'year-has-pending-work',
        status: 422,
        detail: {
          de: 'Im Haushaltsjahr 2025 wartet noch 1 Vorgang auf Prüfung oder Entscheidung: TW-25-001-B1-R1.',
          en: '1 item(s) of 2025 still wait for verification or a decision: TW-25-001-B1-R1.',
        },
        extensions: { pending },
      }),
    );
  });

  describe('report to the Kämmerei (R7)', () => {
    const report = deciderSpec(steeringDecider, decideKaemmereiReport);
    const meeting = deciderSpec(steeringDecider, decideSteeringMeeting);
    const request = deciderSpec(steeringDecider, decideSupplementaryRequest);
    const termsOn = () => DEFAULT_CONTRACT_TERMS;
    const figures = (forecast: string, actual = '40000.00') => ({
      budget: d('120000.00'),
      forecast: d(forecast),
      actual: d(actual),
      logPosition: 77n,
      termsOn,
    });
    const sending = (reportedOn: string, reference = 'Vorlage 2025/KÄ-017') => ({ sozialraumId: 'HRO-UE', fiscalYear: 2025, reportedOn, reference });
    const id = 'UEV-HRO-UE-2025';
    const opened = [warningRaised('HRO-UE', '2025-05-20'), procedureOpened('HRO-UE', '2025-05-20', '2025-06-03')];
    const ask = (amount: string) => ({ kind: 'ueberplanmaessig' as const, amount: d(amount), justification: 'unabweisbar', coverSource: 'Deckungsring HzE' });

    it('is refused without a procedure (404), for a closed one (422) and before the procedure opened', () => {
      expect(report.given([]).when(sending('2025-06-01'), figures('132000.00')).thenRefused('no-overrun-procedure').status).toBe(404);
      expect(report.given(opened).when(sending('2025-05-19'), figures('132000.00')).thenRefused('report-before-procedure').status).toBe(422);
      const closed = [...opened, meetingHeld(id, '2025-05-28'), procedureClosed(id, 'Maßnahmen vereinbart')];
      expect(report.given(closed).when(sending('2025-06-30'), figures('132000.00')).thenRefused('procedure-closed').status).toBe(422);
    });

    it('records the figures as sent, frozen, and numbers each later sending', () => {
      const measures = ['Fallkonferenz', 'ambulante Alternativen'];
      const held = meeting
        .given(opened)
        .when({ heldOn: '2025-05-28', participants: BOTH, measures }, PARTIES)
        .thenEvents([meetingHeld(id, '2025-05-28', BOTH, measures)]);
      const afterMeeting = [...opened, ...held];
      const input = figures('132000.00');
      const first = report.given(afterMeeting).when(sending('2025-06-05'), input).events();
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({ type: 'KaemmereiReported', businessDate: '2025-06-05' });
      if (first[0].type !== 'KaemmereiReported') throw new Error('expected the report');
      const sent = first[0].data;
      expect(sent).toMatchObject({
        procedureId: 'UEV-HRO-UE-2025',
        reportNo: 1,
        reportedOn: '2025-06-05',
        reference: 'Vorlage 2025/KÄ-017',
        logPosition: '77',
      });
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
        meetings: [
          {
            heldOn: '2025-05-28',
            participants: [
              { organisationId: 'HRO-JA', role: 'Amtsleitung' },
              { organisationId: 'TR-E', role: 'Geschäftsführung' },
            ],
            measures: ['Fallkonferenz', 'ambulante Alternativen'],
          },
        ],
        supplementaryRequests: [],
        supplementaryRequestDue: { forecastExcess: '12000.00', requested: '0.00', approved: '0.00', outstanding: '12000.00', due: true },
        previousReports: [],
      });
      const frozen = JSON.parse(JSON.stringify(sent));
      // Nothing that changes afterwards reaches the recorded figures: not the caller's objects,
      // not the procedure's later course, not a later sending with updated figures.
      input.forecast = d('999999.00');
      const reported = report.given([...afterMeeting, ...first]);
      (reported.state.procedure!.meetings[0].measures as string[]).push('später ergänzt');
      const asked = request
        .given([...afterMeeting, ...first])
        .when(ask('12000'), { terms: DEFAULT_CONTRACT_TERMS })
        .events();
      const history = [...afterMeeting, ...first, ...asked];
      const state = report.given(history).when(sending('2025-07-01', 'Vorlage 2025/KÄ-021'), figures('138000.00', '55000.00')).thenState();
      expect(sent).toEqual(frozen);
      expect(state.procedure!.kaemmereiReports[0]).toEqual({
        reportNo: 1,
        reportedOn: '2025-06-05',
        reference: 'Vorlage 2025/KÄ-017',
        report: frozen.report,
        logPosition: '77',
      });
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
      expect(update.report.supplementaryRequests).toMatchObject([
        { requestId: 'UEV-HRO-UE-2025-A1', amount: '12000.00', competentBody: 'Oberbürgermeister', decision: null },
      ]);
    });

    it('counts requests not rejected against the forecast excess; nothing is due once covered or closed', () => {
      const due = (events: SteeringEvent[], forecast: string) => supplementaryRequestDue(figures(forecast), report.given(events).state.procedure!);
      // Below B there is no excess to request.
      expect(due(opened, '118000.00')).toEqual({ forecastExcess: '0.00', requested: '0.00', approved: '0.00', outstanding: '0.00', due: false });
      request
        .given(opened)
        .when(ask('5000.00'), { terms: DEFAULT_CONTRACT_TERMS })
        .thenEvents([requested(id, 1, '5000.00', 'Oberbürgermeister')]);
      let history = [
        ...opened,
        requested(id, 1, '5000.00', 'Oberbürgermeister'),
        decided(id, 1, 'Oberbürgermeister', false, 'OB 2025/1'),
        requested(id, 2, '4000.00', 'Oberbürgermeister'),
      ];
      expect(due(history, '132000.00')).toEqual({ forecastExcess: '12000.00', requested: '4000.00', approved: '0.00', outstanding: '8000.00', due: true });
      history = [...history, decided(id, 2, 'Oberbürgermeister', true, 'OB 2025/2'), requested(id, 3, '8000.00', 'Oberbürgermeister')];
      expect(due(history, '132000.00')).toEqual({ forecastExcess: '12000.00', requested: '12000.00', approved: '4000.00', outstanding: '0.00', due: false });
      // The forecast rises: the excess outgrows what was requested.
      expect(due(history, '132000.01')).toMatchObject({ forecastExcess: '12000.01', outstanding: '0.01', due: true });
      history = [...history, decided(id, 3, 'Oberbürgermeister', true, 'OB 2025/3'), meetingHeld(id, '2025-05-28'), procedureClosed(id, 'Mittel bewilligt')];
      expect(due(history, '140000.00')).toEqual({
        forecastExcess: '20000.00',
        requested: '12000.00',
        approved: '12000.00',
        outstanding: '8000.00',
        due: false,
      });
    });
  });
});
