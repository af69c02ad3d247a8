import { named } from '../../libs/http/contract/named-schemas';
import { IsoDate, LogPosition, Nullable, OneOf, PageOf, Shape, Timestamp, Type } from '../../libs/http/contract/schema-types';

/** A SHA-256 hash of the Merkle tree, in Base64 as checkpoints and proofs of transparency logs carry it. */
const MerkleHash = Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$', description: 'SHA-256 (Base64)', example: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=' });
const TreeSize = Type.Integer({ minimum: 0, description: 'Zahl der Blätter (Ereignisse) im Prüfbaum des Mandanten', example: 1234 });

export const AuditLogEntrySchema = Shape({
  position: LogPosition,
  transactionId: Type.String({ pattern: '^\\d+$', description: 'Transaktion, in der das Ereignis gebucht wurde; mit der Position die Buchungsreihenfolge' }),
  eventId: Type.String({ format: 'uuid' }),
  streamId: Type.String({ description: 'Datenstrom, beginnend mit dem Mandanten', example: 'HRO-JA/case/TW-25-001' }),
  streamVersion: Type.Integer(),
  tenantId: Type.String({ description: 'Mandant, wie gespeichert', example: 'HRO-JA' }),
  type: Type.String({ description: 'Ereignistyp', example: 'InvoiceVerified' }),
  schemaVersion: Type.Integer({ description: 'Schemafassung, wie gebucht' }),
  data: Type.Unsafe<unknown>({
    type: 'object',
    additionalProperties: true,
    description: 'Inhalt des Ereignisses, wie gebucht (ohne personenbezogene Daten im Klartext)',
  }),
  metadata: Type.Unsafe<unknown>({
    type: 'object',
    additionalProperties: true,
    description: 'Metadaten, wie gebucht: Mandant, wer, Korrelation, Verursachung, fachliches Datum, Ausführung',
  }),
  actor: Shape({ userId: Type.String(), role: Type.String(), organisationId: Type.String() }),
  correlationId: Type.String(),
  causationId: Nullable(Type.String()),
  businessDate: Nullable(IsoDate),
  recordedAt: Type.String({
    format: 'date-time',
    description: 'Buchungszeitpunkt (UTC, auf die Mikrosekunde, wie gespeichert)',
    example: '2025-03-31T09:15:00.123456Z',
  }),
  eventHash: Type.String({ description: 'SHA-256 über das Ereignis, wie gebucht (Glied der Hash-Kette)' }),
  chainIndex: Nullable(Type.String({ description: 'Glied der Prüfkette; null, bis die Kette das Ereignis aufgenommen hat (Sekunden)' })),
  leafIndex: Nullable(
    Type.String({ pattern: '^\\d+$', description: 'Blatt im Prüfbaum des Mandanten (ab 0); null, bis der Baum das Ereignis aufgenommen hat (Sekunden)' }),
  ),
  leafHash: Nullable({ ...MerkleHash, description: 'Blatt-Hash, wie ihn der Prüfbaum bei der Aufnahme festgehalten hat (RFC 9162)' }),
  appendSignature: Nullable(
    Type.String({
      pattern: '^\\S+ [A-Za-z0-9+/]+={0,2} \\d{1,4}/\\d{1,4}( [A-Za-z0-9+/=,]+)?$',
      description:
        'Ed25519-Signatur der Anwendung über die Buchung, zu der das Ereignis gehört: Schlüsselname, Base64 aus Schlüsselkennung und Signatur (wie in signierten Notizen), Stelle/Größe des Stapels gleichzeitiger Buchungen, unter dessen Merkle-Wurzel die Signatur steht, und der Prüfpfad dorthin; gleich für alle Ereignisse einer Buchung; null bei Ereignissen aus der Zeit vor den Buchungssignaturen',
      example: 'sozialraum-budget/audit WhyeAwABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8= 0/1',
    }),
  ),
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

export const CheckpointOccasionSchema = Shape(
  {
    kind: OneOf(['interval', 'month-close', 'year-close', 'request'] as const, {
      description: 'interval: im eingestellten Abstand; month-close / year-close: nach dem Monats- oder Jahresabschluss; request: auf Anforderung',
    }),
    subject: Nullable(Type.String({ description: 'Was abgeschlossen wurde, z. B. HRO-TW 2025-03' })),
    causeEventId: Nullable(Type.String({ format: 'uuid', description: 'Das Abschlussereignis' })),
    causePosition: Nullable(LogPosition),
  },
  { description: 'Anlass des Prüfpunkts' },
);

export const CheckpointSchema = Shape({
  treeSize: TreeSize,
  rootHash: MerkleHash,
  signedAt: Timestamp,
  occasion: CheckpointOccasionSchema,
  position: { ...LogPosition, description: 'Position des Prüfpunkts selbst im Ereignisprotokoll' },
  keyName: Type.String({ description: 'Name des Schlüssels in der Signaturzeile', example: 'sozialraum-budget/audit' }),
  keyId: Type.String({ pattern: '^[0-9a-f]{8}$', description: 'Schlüsselkennung der Signaturzeile (4 Byte, hexadezimal)' }),
  note: Type.String({
    description: 'Der signierte Prüfpunkt im C2SP-Format (signed note): Ursprung, Baumgröße, Wurzel-Hash, Zeit, Anlass, Leerzeile, Signaturzeile',
  }),
});

export const CheckpointPage = named('CheckpointPage', PageOf(CheckpointSchema), 'Signierte Prüfpunkte des Prüfbaums des Mandanten, neueste zuerst');

export const CheckpointFileSchema = named(
  'CheckpointFile',
  Shape({
    format: Type.String({ description: 'Format der Datei', example: 'sozialraum-budget/audit-checkpoints/v1' }),
    tenantId: Type.String(),
    origin: Type.String({ description: 'Ursprung (origin) des Protokolls in den Prüfpunkten', example: 'sozialraum-budget/audit/HRO-JA' }),
    writtenAt: Timestamp,
    checkpoints: Type.Array(
      Shape({
        treeSize: TreeSize,
        rootHash: MerkleHash,
        signedAt: Timestamp,
        occasion: CheckpointOccasionSchema,
        position: LogPosition,
        note: Type.String({ description: 'Der signierte Prüfpunkt (C2SP signed note)' }),
        consistencyWithPrevious: Nullable(
          Type.Array(MerkleHash, { description: 'Konsistenzbeweis (RFC 9162) vom vorigen Prüfpunkt der Datei zu diesem; null beim ersten' }),
        ),
      }),
      { description: 'Alle Prüfpunkte nach Baumgröße' },
    ),
  }),
  'Die Prüfpunkte des Mandanten als Datei zur Verwahrung außerhalb des Systems (Eingabe von verify-offline)',
);

export const PublicKeyList = named(
  'AuditPublicKeyList',
  Shape({
    items: Type.Array(
      Shape({
        keyName: Type.String({ example: 'sozialraum-budget/audit' }),
        keyId: Type.String({ pattern: '^[0-9a-f]{8}$', description: 'Schlüsselkennung der Signaturzeilen (hexadezimal)' }),
        verifierKey: Type.String({ description: 'Prüfschlüssel für Werkzeuge signierter Notizen: <Name>+<Kennung>+<Base64-Schlüssel>' }),
        publicKeyPem: Type.String({ description: 'Öffentlicher Ed25519-Schlüssel (SPKI, PEM), die Eingabe --public-key von verify-offline' }),
        current: Type.Boolean({ description: 'true für den Schlüssel, mit dem das System jetzt signiert' }),
        checkpoints: Type.Integer({ description: 'Prüfpunkte des Mandanten mit diesem Schlüssel' }),
        firstSignedAt: Timestamp,
        lastSignedAt: Timestamp,
      }),
    ),
  }),
  'Die öffentlichen Schlüssel, mit denen die Prüfpunkte des Mandanten signiert sind',
);

export const InclusionProofSchema = named(
  'InclusionProof',
  Shape({
    position: LogPosition,
    leafIndex: Type.Integer({ minimum: 0, description: 'Blatt des Ereignisses im Prüfbaum (ab 0)' }),
    treeSize: TreeSize,
    leafHash: MerkleHash,
    rootHash: { ...MerkleHash, description: 'Wurzel des Baums dieser Größe; gleich der eines Prüfpunkts dieser Größe' },
    auditPath: Type.Array(MerkleHash, { description: 'Prüfpfad nach RFC 9162, vom Nachbarblatt zur Wurzel' }),
  }),
  'Beweis, dass ein Ereignis im Baum einer Größe enthalten ist (RFC 9162, Prüfpfad)',
);

export const ConsistencyProofSchema = named(
  'ConsistencyProof',
  Shape({
    from: TreeSize,
    to: TreeSize,
    fromRoot: MerkleHash,
    toRoot: MerkleHash,
    proof: Type.Array(MerkleHash, { description: 'Konsistenzbeweis nach RFC 9162' }),
  }),
  'Beweis, dass der Baum der kleineren Größe ein unveränderter Anfang des größeren ist (RFC 9162)',
);
