import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AggregateStore } from '../../libs/ddd/aggregate-store';
import { CommandContext } from '../../libs/ddd/command-context';
import { systemContext } from '../../libs/ddd/system-context';
import { AllocateBudgetCommand, ConcludeContractVersionCommand, OpenBudgetCommand } from '../budgets/commands/budget.commands';
import { budgetContractDecider } from '../budgets/domain/budget-contract';
import { sozialraumBudgetDecider } from '../budgets/domain/sozialraum-budget';
import { GrantApprovalCommand, OpenCaseCommand } from '../cases/commands/case.commands';
import { caseDecider } from '../cases/domain/case-state';
import { GrantSubsidyCommand } from '../flexible/commands/flexible.commands';
import { flexibleBudgetDecider } from '../flexible/domain/flexible-budget';
import { ConcludeRateAgreementCommand, FormTraegerverbundCommand, RegisterProviderCommand, RegisterSozialraumCommand } from '../master-data/commands/master-data.commands';
import { MasterDataQueries } from '../master-data/master-data-queries';
import { streams } from '../shared/stream-ids';
import { DEMO_CASES, DEMO_PROVIDERS, DEMO_RATE_AGREEMENTS, DEMO_SOZIALRAEUME, DEMO_SUBSIDIES, DEMO_TENANT } from './demo-data';

const FISCAL_YEAR = 2025;
const CONTRACT_FROM = '2025-01-01';
const RATES_FROM = '2025-01-01';
const VERBUND_FROM = '2024-01-01';

/**
 * Creates the demo tenant through the same commands the API issues, each by the role that would
 * issue it and on its business date. Idempotent step by step: whatever exists already is skipped,
 * so a second run writes nothing and a run after an interrupted one completes the tenant.
 */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(private readonly commands: CommandBus, private readonly masterData: MasterDataQueries, private readonly aggregates: AggregateStore) {}

  /** True when anything was written, false when the demo tenant was complete already. */
  async seed(): Promise<boolean> {
    const T = DEMO_TENANT;
    let written = 0;
    const as = (role: string, businessDate: string): CommandContext => {
      const ctx = systemContext(T, businessDate);
      return { ...ctx, actor: { userId: `demo-${role}`, role, organisationId: T }, roles: [role] };
    };
    const unless = async (exists: boolean, command: () => object) => {
      if (exists) return;
      await this.commands.execute(command());
      written++;
    };

    for (const p of DEMO_PROVIDERS) {
      await unless(!!(await this.masterData.getProvider(T, p.providerId)), () => new RegisterProviderCommand(as('admin', '2024-01-02'), p));
    }
    for (const r of DEMO_RATE_AGREEMENTS) {
      const { state } = await this.masterData.rateAgreements(T, r.providerId);
      const exists = state.agreements.some((a) => a.legalBasis === r.legalBasis && a.validFrom === RATES_FROM);
      await unless(exists, () =>
        new ConcludeRateAgreementCommand(as('admin', '2024-12-01'), r.providerId, { legalBasis: r.legalBasis, rateType: r.rateType, amount: r.amount, validFrom: RATES_FROM, reference: r.reference }),
      );
    }

    for (const s of DEMO_SOZIALRAEUME) {
      await unless(!!(await this.masterData.getSozialraum(T, s.sozialraumId)), () =>
        new RegisterSozialraumCommand(as('admin', '2024-01-02'), { sozialraumId: s.sozialraumId, name: s.name, residents: s.residents, residentsUnder21: s.residentsUnder21, validFrom: '2024-01-01' }),
      );
      const sozialraum = await this.masterData.getSozialraum(T, s.sozialraumId);
      await unless(!!sozialraum?.verbund.some((v) => v.effectiveFrom === VERBUND_FROM), () =>
        new FormTraegerverbundCommand(as('admin', '2024-01-02'), s.sozialraumId, { leadProviderId: s.lead, memberProviderIds: s.members, effectiveFrom: VERBUND_FROM }),
      );
      const contract = await this.aggregates.load(streams.contract(T, s.sozialraumId), budgetContractDecider);
      await unless(contract.state.versions.some((v) => v.effectiveFrom === CONTRACT_FROM), () =>
        new ConcludeContractVersionCommand(as('controller', '2024-11-20'), s.sozialraumId, {
          effectiveFrom: CONTRACT_FROM,
          terms: {},
          reason: 'Sozialraumbudgetvertrag 2025–2027 (Regelwerk)',
          decisionReference: 'JHA 2024/11-07',
        } as any),
      );
      const budget = async () => (await this.aggregates.load(streams.budget(T, s.sozialraumId, FISCAL_YEAR), sozialraumBudgetDecider)).state.status;
      await unless((await budget()) !== 'none', () =>
        new AllocateBudgetCommand(as('controller', '2024-12-10'), {
          sozialraumId: s.sozialraumId,
          fiscalYear: FISCAL_YEAR,
          planned: s.planned,
          reason: 'Haushaltssatzung 2025',
          decisionReference: 'BV 2024/BV/5123',
          businessDate: '2024-12-10',
        } as any),
      );
      await unless((await budget()) !== 'planned', () => new OpenBudgetCommand(as('controller', '2025-01-01'), s.sozialraumId, FISCAL_YEAR, { reason: 'Haushalt rechtskräftig', businessDate: '2025-01-01' }));
    }

    for (const s of DEMO_SUBSIDIES) {
      const { sozialraumId, ...grant } = s;
      const { state } = await this.aggregates.load(streams.budget(T, sozialraumId, FISCAL_YEAR), flexibleBudgetDecider);
      const exists = Object.values(state.flexible.subsidies).some((x) => x.providerId === grant.providerId && x.purpose === grant.purpose);
      await unless(exists, () => new GrantSubsidyCommand(as('controller', '2025-01-15'), { sozialraumId, fiscalYear: FISCAL_YEAR }, { ...grant, businessDate: '2025-01-15' } as any));
    }

    for (const c of DEMO_CASES) {
      const { caseRef, sozialraumId, ...approval } = c;
      const existing = async () => (await this.aggregates.load(streams.case(T, caseRef), caseDecider)).state;
      await unless((await existing()).caseRef !== null, () => new OpenCaseCommand(as('caseworker', approval.bescheidDate), { caseRef, sozialraumId }));
      await unless(Object.keys((await existing()).approvals).length > 0, () => new GrantApprovalCommand(as('caseworker', approval.bescheidDate), caseRef, approval as any));
    }

    if (written > 0) {
      this.logger.log(`demo tenant ${T}: ${written} step(s) done: ${DEMO_SOZIALRAEUME.map((s) => s.name).join(', ')} with providers, rate agreements, contracts, open ${FISCAL_YEAR} budgets, subsidies and approvals`);
    } else {
      this.logger.log(`demo tenant ${T} is complete already: nothing to do`);
    }
    return written > 0;
  }
}
