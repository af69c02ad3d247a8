/**
 * What the path and query parameters of the API mean, by name: the OpenAPI document takes each
 * description and example from here where the route does not declare its own.
 */
export const API_PARAMETERS: Readonly<Record<string, { description: string; example: unknown }>> = {
  sozialraumId: { description: 'Kürzel des Sozialraums', example: 'HRO-TW' },
  fiscalYear: { description: 'Haushaltsjahr', example: 2025 },
  caseRef: { description: 'Pseudonymes Fallzeichen (nie ein Name)', example: 'TW-25-001' },
  approvalId: { description: 'Kennung der Bewilligung: Fallzeichen und laufende Nummer', example: 'TW-25-001-B1' },
  invoiceId: { description: 'Kennung der Rechnung: Bewilligung und laufende Nummer', example: 'TW-25-001-B1-R1' },
  serviceMonth: { description: 'Leistungsmonat (JJJJ-MM)', example: '2025-03' },
  providerId: { description: 'Kürzel des freien Trägers', example: 'TR-E' },
  agreementId: { description: 'Kennung der Entgeltvereinbarung', example: 'EV-TR-E-1' },
  subsidyId: { description: 'Kennung der Zuwendung', example: 'ZUW-2025-1' },
  instalmentId: { description: 'Kennung der Rate einer Zuwendung', example: 'R1' },
  activityId: { description: 'Kennung der fallunspezifischen Aktivität', example: 'AKT-2025-1' },
  proposalId: { description: 'Kennung des Umschichtungsvorschlags', example: 'UMS-2025-1' },
  requestId: { description: 'Kennung des Antrags auf über- oder außerplanmäßige Aufwendungen', example: 'UEV-HRO-TW-2025-A1' },
  indicatorKey: { description: 'Schlüssel des Wirksamkeitsindikators (R12)', example: 'ambulant-anteil' },
  targetAgreementId: { description: 'Kennung der Zielvereinbarung: Sozialraum, Haushaltsjahr und Fassung', example: 'ZV-HRO-TW-2025-1' },
  batchId: { description: 'Kennung der Anordnungsdatei für das Finanzverfahren', example: 'ZB-2025-0001' },
  subscriptionId: { description: 'Kennung des Abonnements der Meldungszustellung', example: '0b6c8f52-3f0e-4d8a-9a41-6c1f2d7e9b10' },
  month: { description: 'Monat', example: '2025-09' },
  status: { description: 'Nur Einträge in diesem Status', example: undefined },
  category: { description: 'Nur diese Budgetkategorie', example: undefined },
  limit: { description: 'Höchstzahl der Einträge je Seite', example: 50 },
  cursor: { description: 'nextCursor der vorigen Seite', example: 'WyJIUk8tVFciXQ' },
};
