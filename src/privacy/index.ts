export { PrivacyModule } from './privacy.module';
export { SealedTexts } from './sealed-texts';
export { PRIVACY_PROBLEMS } from './privacy.problems';
export { textSubjects, privacyStream } from './text-subjects';
export { eraseFreeTexts, placeLegalHold, liftLegalHold } from './erasure';
export { retentionRun, retentionPeriodsOf } from './retention-run';
export type { PrivacyEvent } from './privacy.events';
