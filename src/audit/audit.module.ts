import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditLogQueries } from './queries/audit-log.query';
import { AuditVerificationQuery } from './queries/audit-verification.query';

@Module({
  controllers: [AuditController],
  providers: [AuditLogQueries, AuditVerificationQuery],
})
export class AuditModule {}
