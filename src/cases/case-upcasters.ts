import { Injectable } from '@nestjs/common';
import { UpcasterRegistry } from '../../libs/event-store';
import { LegalBasis, defaultSetting } from '../shared/legal-basis';

/**
 * Old shapes of case events, read as today's: an ApprovalGranted of schema version 1 predates
 * R12's setting and is read with its legal basis's default (null for § 35a and § 41, which have
 * none). Stored events are never rewritten; the audit trail hashes them as stored.
 */
@Injectable()
export class CaseUpcasters {
  constructor(registry: UpcasterRegistry) {
    registry.register('ApprovalGranted', 1, (data) => ({ ...data, setting: defaultSetting(data.legalBasis as LegalBasis) }));
  }
}
