import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandContext } from '../../libs/ddd/command-context';
import { systemContext } from '../../libs/ddd/system-context';
import { AllocateBudgetCommand, ConcludeContractVersionCommand, OpenBudgetCommand } from '../budgets/commands/budget.commands';
import { GrantApprovalCommand, OpenCaseCommand } from '../cases/commands/case.commands';
import { GrantSubsidyCommand } from '../flexible/commands/flexible.commands';
import { ConcludeRateAgreementCommand, FormTraegerverbundCommand, RegisterProviderCommand, RegisterSozialraumCommand } from '../master-data/commands/master-data.commands';
import { MasterDataQueries } from '../master-data/master-data-queries';
import { DEMO_CASES, DEMO_PROVIDERS, DEMO_RATE_AGREEMENTS, DEMO_SOZIALRAEUME, DEMO_SUBSIDIES, DEMO_TENANT } from './demo-data';

/**
 * Creates the demo tenant through the same commands the API issues, each by the role that would
 * issue it and on its business date. Idempotent: a tenant that has its Sozialräume is left alone.
 */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(private readonly commands: CommandBus, private readonly masterData: MasterDataQueries) {}

  async seed(): Promise<boolean> {
    if (await this.masterData.getSozialraum(DEMO_TENANT, DEMO_SOZIALRAEUME[0].sozialraumId)) return false;
    const as = (role: string, businessDate: string, organisationId = DEMO_TENANT): CommandContext => {
      const ctx = systemContext(DEMO_TENANT, businessDate);
      return { ...ctx, actor: { userId: `demo-${role}`, role, organisationId }, roles: [role] };
    };
    const run = (command: object) => this.commands.execute(command);

    for (const p of DEMO_PROVIDERS) await run(new RegisterProviderCommand(as('admin', '2024-01-02'), p));
    for (const r of DEMO_RATE_AGREEMENTS) {
      await run(new ConcludeRateAgreementCommand(as('admin', '2024-12-01'), r.providerId, { legalBasis: r.legalBasis, rateType: r.rateType, amount: r.amount, validFrom: '2025-01-01', reference: r.reference }));
    }
    for (const s of DEMO_SOZIALRAEUME) {
      await run(new RegisterSozialraumCommand(as('admin', '2024-01-02'), { sozialraumId: s.sozialraumId, name: s.name, residents: s.residents, residentsUnder21: s.residentsUnder21, validFrom: '2024-01-01' }));
      await run(new FormTraegerverbundCommand(as('admin', '2024-01-02'), s.sozialraumId, { leadProviderId: s.lead, memberProviderIds: s.members, effectiveFrom: '2024-01-01' }));
      await run(new ConcludeContractVersionCommand(as('controller', '2024-11-20'), s.sozialraumId, { effectiveFrom: '2025-01-01', terms: {}, reason: 'Sozialraumbudgetvertrag 2025–2027', decisionReference: 'JHA 2024/11-07' } as any));
      await run(new AllocateBudgetCommand(as('controller', '2024-12-10'), { sozialraumId: s.sozialraumId, fiscalYear: 2025, planned: s.planned, reason: 'Haushaltssatzung 2025', businessDate: '2024-12-10' } as any));
      await run(new OpenBudgetCommand(as('controller', '2025-01-01'), s.sozialraumId, 2025, { reason: 'Haushalt rechtskräftig', businessDate: '2025-01-01' }));
    }
    for (const s of DEMO_SUBSIDIES) {
      const { sozialraumId, ...grant } = s;
      await run(new GrantSubsidyCommand(as('controller', '2025-01-15'), { sozialraumId, fiscalYear: 2025 }, { ...grant, businessDate: '2025-01-15' } as any));
    }
    for (const c of DEMO_CASES) {
      const { caseRef, sozialraumId, ...approval } = c;
      await run(new OpenCaseCommand(as('caseworker', approval.bescheidDate), { caseRef, sozialraumId }));
      await run(new GrantApprovalCommand(as('caseworker', approval.bescheidDate), caseRef, approval as any));
    }
    this.logger.log(`demo tenant ${DEMO_TENANT} created: ${DEMO_SOZIALRAEUME.map((s) => s.name).join(', ')} with 2025 budgets, subsidies and approvals`);
    return true;
  }
}
