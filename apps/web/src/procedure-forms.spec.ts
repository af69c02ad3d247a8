/// <reference types="jest" />
import { decisionBody, emptyMeetingForm, meetingBody, requestBody, requestRows, type Procedure } from './procedure-forms';

describe('the threshold procedure on the page', () => {
  it('sends a measure per line and the participants given, the Jugendamt filled in to start with', () => {
    const form = { ...emptyMeetingForm('HRO-JA'), heldOn: '2025-05-28', measures: ' Fallkonferenz \n\nPrüfung ambulanter Alternativen\n' };
    form.participants = [
      { organisationId: 'HRO-JA', role: 'Amtsleitung Jugend' },
      { organisationId: ' TR-E ', role: 'Geschäftsführung' },
      { organisationId: '', role: '' },
    ];
    expect(emptyMeetingForm('HRO-JA').participants[0]).toEqual({ organisationId: 'HRO-JA', role: '' });
    expect(meetingBody(form)).toEqual({
      heldOn: '2025-05-28',
      participants: [
        { organisationId: 'HRO-JA', role: 'Amtsleitung Jugend' },
        { organisationId: 'TR-E', role: 'Geschäftsführung' },
      ],
      measures: ['Fallkonferenz', 'Prüfung ambulanter Alternativen'],
    });
  });

  it('sends the amount as written and the decision note only when there is one', () => {
    expect(requestBody({ kind: 'ueberplanmaessig', amount: '60000,00', justification: ' unabweisbar ', coverSource: 'Mehrerträge' })).toEqual({
      kind: 'ueberplanmaessig',
      amount: '60000.00',
      justification: 'unabweisbar',
      coverSource: 'Mehrerträge',
    });
    expect(decisionBody({ body: 'Hauptausschuss', approved: true, decisionReference: ' HA 1 ', note: ' ' })).toEqual({
      body: 'Hauptausschuss',
      approved: true,
      decisionReference: 'HA 1',
    });
  });

  it('says of each request who is competent and what was decided', () => {
    const procedure = {
      requests: [
        {
          requestId: 'A1',
          kind: 'ueberplanmaessig',
          amount: '60000.00',
          requestedOn: '2025-06-02',
          justification: 'x',
          coverSource: 'y',
          competentBody: 'Hauptausschuss',
          decision: null,
        },
        {
          requestId: 'A2',
          kind: 'ausserplanmaessig',
          amount: '5000.00',
          requestedOn: '2025-06-03',
          justification: 'x',
          coverSource: 'y',
          competentBody: 'Oberbürgermeister',
          decision: { body: 'Oberbürgermeister', approved: false, decisionReference: 'OB 7', decidedOn: '2025-06-10' },
        },
      ],
    } as unknown as Procedure;
    expect(requestRows(procedure).map((r) => [r.requestId, r.kind, r.decision, r.undecided])).toEqual([
      ['A1', 'überplanmäßig', 'steht aus', true],
      ['A2', 'außerplanmäßig', 'abgelehnt von Oberbürgermeister am 10.06.2025 (OB 7)', false],
    ]);
  });
});
