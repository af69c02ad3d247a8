import { DomainEvent } from '../../libs/ddd/decider';

/**
 * What was erased and held, recorded without the erased content: the subject, the key that was
 * deleted, why and by whom (the actor of the metadata).
 */
export type PrivacyEvent =
  | DomainEvent<'FreeTextsErased', { subject: string; keyId: string | null; reason: string; retentionClass: string | null }>
  | DomainEvent<'LegalHoldPlaced', { subject: string; reason: string }>
  | DomainEvent<'LegalHoldLifted', { subject: string; reason: string }>;
