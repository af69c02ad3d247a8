import { named } from '../../libs/http/contract/named-schemas';
import { IsoDate, LogPosition, Nullable, PageOf, Shape, Timestamp, Type } from '../../libs/http/contract/schema-types';

export const AuditLogEntrySchema = Shape({
  position: LogPosition,
  eventId: Type.String({ format: 'uuid' }),
  streamId: Type.String({ description: 'Datenstrom, beginnend mit dem Mandanten', example: 'HRO-JA/case/TW-25-001' }),
  streamVersion: Type.Integer(),
  type: Type.String({ description: 'Ereignistyp', example: 'InvoiceVerified' }),
  schemaVersion: Type.Integer(),
  data: Type.Unsafe<unknown>({
    type: 'object',
    additionalProperties: true,
    description: 'Inhalt des Ereignisses, wie gebucht (ohne personenbezogene Daten im Klartext)',
  }),
  actor: Shape({ userId: Type.String(), role: Type.String(), organisationId: Type.String() }),
  correlationId: Type.String(),
  causationId: Nullable(Type.String()),
  businessDate: Nullable(IsoDate),
  recordedAt: Timestamp,
  eventHash: Type.String({ description: 'SHA-256 über das Ereignis, wie gebucht' }),
  chainIndex: Nullable(Type.String({ description: 'Glied der Prüfkette; null, bis die Kette das Ereignis aufgenommen hat (Sekunden)' })),
});

export const AuditLogPage = named('AuditLogPage', PageOf(AuditLogEntrySchema), 'Ereignisprotokoll des Mandanten in Buchungsreihenfolge, seitenweise');

export const AuditVerification = named(
  'AuditVerification',
  Shape({
    ok: Type.Boolean({ description: 'true, wenn die Kette lückenlos und unverändert ist' }),
    eventsChecked: Type.Integer(),
    chainHead: Type.String({ description: 'Letzter Kettenwert' }),
    unchained: Type.Integer({ description: 'Ereignisse, die die Kette noch nicht aufgenommen hat (jüngste Buchungen)' }),
    problems: Type.Array(Type.String(), { description: 'Was verändert, eingefügt oder entfernt wurde' }),
    problemsElsewhere: Type.Integer({ description: 'Probleme bei Ereignissen außerhalb des Mandanten oder nicht mehr im Protokoll' }),
    sealsChecked: Type.Integer(),
    verifiedAt: Timestamp,
    sealKeyConfigured: Type.Boolean(),
  }),
  'Ergebnis der Nachrechnung der Prüfkette über das Ereignisprotokoll',
);
