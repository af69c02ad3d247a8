import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../libs/config/app-config';
import { AuditController } from './audit.controller';
import { AuditLogQueries } from './queries/audit-log.query';
import { AuditVerificationQuery } from './queries/audit-verification.query';
import { AuditTrailQueries } from './queries/audit-trail.query';
import { CheckpointSigner } from './checkpoints/checkpoint-signer';
import { AUDIT_TRAIL_CONFIG, auditTrailConfigOf } from './audit-trail.config';

@Module({
  controllers: [AuditController],
  providers: [
    AuditLogQueries,
    AuditVerificationQuery,
    AuditTrailQueries,
    CheckpointSigner,
    // Read where the module starts, so a production start without AUDIT_SIGNING_KEY fails at once.
    {
      provide: AUDIT_TRAIL_CONFIG,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => auditTrailConfigOf(config),
    },
  ],
  exports: [CheckpointSigner],
})
export class AuditModule {}
