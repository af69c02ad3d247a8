import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IsoDate, todayInBerlin } from '../../libs/calendar';
import { AggregateStore } from '../../libs/ddd/aggregate-store';
import { CommandContext } from '../../libs/ddd/command-context';
import { systemContext } from '../../libs/ddd/system-context';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import {
  AllocateBudgetCommand,
  AnswerReallocationCommand,
  ConcludeContractVersionCommand,
  OpenBudgetCommand,
  ProposeReallocationCommand,
  budgetContractDecider,
  sozialraumBudgetDecider,
} from '../budgets';
import {
  FixKostenbeitragCommand,
  GrantApprovalCommand,
  OpenCaseCommand,
  OrderPaymentCommand,
  SubmitInvoiceCommand,
  TerminateApprovalCommand,
  VerifyInvoiceCommand,
  caseDecider,
} from '../cases';
import {
  ApproveActivityCommand,
  GrantSubsidyCommand,
  OrderInstalmentPaymentCommand,
  ReportActivityActualCommand,
  ReportActivityCommand,
  flexibleBudgetDecider,
} from '../flexible';
import { ConcludeRateAgreementCommand, FormTraegerverbundCommand, RegisterProviderCommand, RegisterSozialraumCommand, MasterDataQueries } from '../master-data';
import { streams } from '../shared/stream-ids';
import { SealedTexts } from '../privacy';
import { openSealedTexts } from '../../libs/sealed-text/open-sealed';
import {
  ApplySettlementCommand,
  CalculateSettlementCommand,
  CloseMonthCommand,
  CloseYearCommand,
  ConfirmSettlementCommand,
  steeringDecider,
} from '../steering';
import { DEMO_PROVIDERS, DEMO_SOZIALRAEUME, DEMO_TENANT, DemoPlan, demoMasterDataDates, demoPlan, demoRateAgreements } from './demo-data';

/** The DTO a command class takes (its last constructor parameter): the demo's plain data checked against it. */
type DtoOf<C extends abstract new (...args: never[]) => unknown> = ConstructorParameters<C> extends [...unknown[], infer D] ? D : never;

/** One fact of the demo: dated, done already or not (read from the aggregates), and how to record it. */
interface Step {
  date: IsoDate;
  done: () => Promise<boolean>;
  run: () => Promise<unknown>;
}

export interface DemoSeedResult {
  /** Steps recorded by this run (0: the tenant was complete already). */
  written: number;
  previousYear: number;
  currentYear: number;
  today: IsoDate;
  /** When this run began and ended recording: `knownAt` before `startedAt` shows nothing of what it wrote. */
  startedAt: Date;
  finishedAt: Date;
}

/**
 * Creates the demo tenant through the same commands and services the API uses, each by the role
 * that would issue it and on its business date, so every rule check applies: the previous fiscal
 * year in full with its month closes, year close and settlement, the current one up to today.
 * Idempotent step by step: whatever exists already is skipped, so a second run writes nothing and
 * a run after an interrupted one completes the tenant.
 */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly commands: CommandBus,
    private readonly masterData: MasterDataQueries,
    private readonly aggregates: AggregateStore,
    private readonly projections: ProjectionRunner,
    private readonly texts: SealedTexts,
  ) {}

  /** True when anything was written, false when the demo tenant was complete already. */
  async seed(today: IsoDate = todayInBerlin()): Promise<boolean> {
    return (await this.run(today)).written > 0;
  }

  async run(today: IsoDate = todayInBerlin()): Promise<DemoSeedResult> {
    const startedAt = new Date();
    const plan = demoPlan(today);
    const { previous, current } = plan.years;
    const result = (written: number): DemoSeedResult => ({ written, previousYear: previous, currentYear: current, today, startedAt, finishedAt: new Date() });

    // Seeded in an earlier year, the tenant's years are not the ones this plan would add to it.
    const earlier = await this.budget('HRO-TW', previous - 1);
    if (earlier.status !== 'none') {
      this.logger.warn(
        `demo tenant ${DEMO_TENANT} was seeded in an earlier year (it has a ${previous - 1} budget); nothing to do. Start from an empty event store for a demo of ${previous} and ${current}`,
      );
      return result(0);
    }

    const steps = this.steps(plan)
      .map((step, i) => ({ step, i }))
      .filter(({ step }) => step.date <= today)
      // Stable: steps of one day keep the order in which they were listed.
      .sort((a, b) => a.step.date.localeCompare(b.step.date) || a.i - b.i);
    let written = 0;
    for (const { step } of steps) {
      if (await step.done()) continue;
      await step.run();
      written++;
    }

    const done = result(written);
    if (written > 0) {
      this.logger.log(
        `demo tenant ${DEMO_TENANT}: ${written} step(s) recorded from ${done.startedAt.toISOString()} to ${done.finishedAt.toISOString()}: ` +
          `${DEMO_SOZIALRAEUME.map((s) => s.name).join(', ')}, ${previous} closed and settled, ${current} up to ${today}`,
      );
    } else {
      this.logger.log(`demo tenant ${DEMO_TENANT} is complete already: nothing to do`);
    }
    return done;
  }

  private steps(plan: DemoPlan): Step[] {
    const T = DEMO_TENANT;
    const steps: Step[] = [];
    const at = (date: IsoDate, done: () => Promise<boolean>, run: () => Promise<unknown>) => steps.push({ date, done, run });
    const as = (role: string, businessDate: IsoDate, userId = `demo-${role}`): CommandContext => {
      const ctx = systemContext(T, businessDate);
      return { ...ctx, actor: { userId, role, organisationId: T }, roles: [role] };
    };
    const asProvider = (providerId: string, businessDate: IsoDate): CommandContext => {
      const ctx = systemContext(T, businessDate);
      return { ...ctx, actor: { userId: `demo-${providerId}`, role: 'provider', organisationId: providerId }, roles: ['provider'], providerId };
    };
    const run = (command: object) => () => this.commands.execute(command);

    const md = demoMasterDataDates(plan.years);
    for (const p of DEMO_PROVIDERS) {
      at(
        md.registeredOn,
        async () => !!(await this.masterData.getProvider(T, p.providerId)),
        run(new RegisterProviderCommand(as('admin', md.registeredOn), p)),
      );
    }
    for (const r of demoRateAgreements(plan.years)) {
      at(
        md.ratesConcludedOn,
        async () =>
          (await this.masterData.rateAgreements(T, r.providerId)).state.agreements.some((a) => a.legalBasis === r.legalBasis && a.validFrom === md.ratesFrom),
        run(
          new ConcludeRateAgreementCommand(as('admin', md.ratesConcludedOn), r.providerId, {
            legalBasis: r.legalBasis,
            rateType: r.rateType,
            amount: r.amount,
            validFrom: md.ratesFrom,
            reference: r.reference,
          }),
        ),
      );
    }
    for (const s of DEMO_SOZIALRAEUME) {
      at(
        md.registeredOn,
        async () => !!(await this.masterData.getSozialraum(T, s.sozialraumId)),
        run(
          new RegisterSozialraumCommand(as('admin', md.registeredOn), {
            sozialraumId: s.sozialraumId,
            name: s.name,
            residents: s.residents,
            residentsUnder21: s.residentsUnder21,
            validFrom: md.validFrom,
          }),
        ),
      );
      at(
        md.registeredOn,
        async () => !!(await this.masterData.getSozialraum(T, s.sozialraumId))?.verbund.some((v) => v.effectiveFrom === md.validFrom),
        run(
          new FormTraegerverbundCommand(as('admin', md.registeredOn), s.sozialraumId, {
            leadProviderId: s.lead,
            memberProviderIds: s.members,
            effectiveFrom: md.validFrom,
          }),
        ),
      );
      at(
        md.contractConcludedOn,
        async () =>
          (await this.aggregates.load(streams.contract(T, s.sozialraumId), budgetContractDecider)).state.versions.some(
            (v) => v.effectiveFrom === md.contractFrom,
          ),
        run(
          new ConcludeContractVersionCommand(as('controller', md.contractConcludedOn), s.sozialraumId, {
            effectiveFrom: md.contractFrom,
            terms: {},
            reason: `Sozialraumbudgetvertrag ${plan.years.previous}–${plan.years.previous + 2} (Regelwerk)`,
            decisionReference: `JHA ${plan.years.previous - 1}/11-07`,
          } as DtoOf<typeof ConcludeContractVersionCommand>),
        ),
      );
    }

    for (const b of plan.budgets) {
      at(
        b.allocatedOn,
        async () => (await this.budget(b.sozialraumId, b.fiscalYear)).status !== 'none',
        run(
          new AllocateBudgetCommand(as('controller', b.allocatedOn), {
            sozialraumId: b.sozialraumId,
            fiscalYear: b.fiscalYear,
            planned: b.planned,
            reason: `Haushaltssatzung ${b.fiscalYear}`,
            decisionReference: b.decisionReference,
            businessDate: b.allocatedOn,
          } as DtoOf<typeof AllocateBudgetCommand>),
        ),
      );
      at(
        b.openedOn,
        async () => (await this.budget(b.sozialraumId, b.fiscalYear)).status !== 'planned',
        run(new OpenBudgetCommand(as('controller', b.openedOn), b.sozialraumId, b.fiscalYear, { reason: 'Haushalt rechtskräftig', businessDate: b.openedOn })),
      );
    }

    for (const a of plan.approvals) {
      const { caseRef, sozialraumId, invoices, termination, kostenbeitrag, ...approval } = a;
      const state = async () => (await this.aggregates.load(streams.case(T, caseRef), caseDecider)).state;
      const approvalId = async () => (await state()).approvalOrder[0];
      at(
        approval.bescheidDate,
        async () => (await state()).caseRef !== null,
        run(new OpenCaseCommand(as('caseworker', approval.bescheidDate), { caseRef, sozialraumId })),
      );
      at(
        approval.bescheidDate,
        async () => (await state()).approvalOrder.length > 0,
        run(new GrantApprovalCommand(as('caseworker', approval.bescheidDate), caseRef, approval as DtoOf<typeof GrantApprovalCommand>)),
      );

      for (const inv of invoices) {
        const invoice = async () => {
          const s = await state();
          const id = s.approvalOrder[0];
          return Object.values(s.invoices).find((i) => i.approvalId === id && i.serviceMonth === inv.month && i.status !== 'rejected');
        };
        const invoiceId = async () => (await invoice())!.invoiceId;
        at(
          inv.submitted,
          async () => !!(await invoice()),
          async () =>
            this.commands.execute(
              new SubmitInvoiceCommand(asProvider(approval.providerId, inv.submitted), caseRef, await approvalId(), {
                serviceMonth: inv.month,
                quantity: inv.quantity,
                invoiceNumber: `RE-${inv.month}-${caseRef}`,
                businessDate: inv.submitted,
              }),
            ),
        );
        // Four eyes: sachlich and rechnerisch richtig by two different people, then the payment order.
        at(
          inv.verified,
          async () => ((await invoice())?.verifications.length ?? 0) >= 1,
          async () =>
            this.commands.execute(
              new VerifyInvoiceCommand(as('wiju', inv.verified, 'demo-wiju-1'), caseRef, await invoiceId(), {
                step: 'sachlich-richtig',
                businessDate: inv.verified,
              }),
            ),
        );
        at(
          inv.verified,
          async () => ((await invoice())?.verifications.length ?? 0) >= 2,
          async () =>
            this.commands.execute(
              new VerifyInvoiceCommand(as('wiju', inv.verified, 'demo-wiju-2'), caseRef, await invoiceId(), {
                step: 'rechnerisch-richtig',
                businessDate: inv.verified,
              }),
            ),
        );
        at(
          inv.verified,
          async () => (await invoice())?.status === 'paid',
          async () => this.commands.execute(new OrderPaymentCommand(as('wiju', inv.verified, 'demo-wiju-2'), caseRef, await invoiceId(), inv.verified)),
        );
      }
      if (kostenbeitrag) {
        const { on, ...fixed } = kostenbeitrag;
        at(
          on,
          async () => (await state()).approvals[await approvalId()].kostenbeitraege.length > 0,
          async () =>
            this.commands.execute(
              new FixKostenbeitragCommand(as('wiju', on), caseRef, { approvalId: await approvalId(), ...fixed, businessDate: on } as DtoOf<
                typeof FixKostenbeitragCommand
              >),
            ),
        );
      }
      if (termination) {
        const { on, ...terminated } = termination;
        at(
          on,
          async () => (await state()).approvals[await approvalId()].termination !== null,
          async () =>
            this.commands.execute(
              new TerminateApprovalCommand(as('caseworker', on), caseRef, await approvalId(), { ...terminated, businessDate: on } as DtoOf<
                typeof TerminateApprovalCommand
              >),
            ),
        );
      }
    }

    for (const s of plan.subsidies) {
      const { sozialraumId, fiscalYear, ...grant } = s;
      const year = { sozialraumId, fiscalYear };
      const subsidy = async () =>
        Object.values((await this.aggregates.load(streams.budget(T, sozialraumId, fiscalYear), flexibleBudgetDecider)).state.flexible.subsidies).find(
          (x) => x.providerId === grant.providerId && x.purpose === grant.purpose,
        );
      at(
        s.bescheidDate,
        async () => !!(await subsidy()),
        run(new GrantSubsidyCommand(as('controller', s.bescheidDate), year, { ...grant, businessDate: s.bescheidDate } as DtoOf<typeof GrantSubsidyCommand>)),
      );
      s.instalments.forEach(({ dueDate }, i) => {
        at(
          dueDate,
          async () => !!(await subsidy())?.instalments[i].paymentOrderedOn,
          async () =>
            this.commands.execute(
              new OrderInstalmentPaymentCommand(as('wiju', dueDate), year, (await subsidy())!.subsidyId, `R${i + 1}`, { businessDate: dueDate }),
            ),
        );
      });
    }

    for (const a of plan.activities) {
      const year = { sozialraumId: a.sozialraumId, fiscalYear: a.fiscalYear };
      // Descriptions are stored sealed: compared opened, as a reader sees them.
      const activity = async () => {
        const { state } = await this.aggregates.load(streams.budget(T, a.sozialraumId, a.fiscalYear), flexibleBudgetDecider);
        const activities = Object.values(state.flexible.activities);
        const opened = await openSealedTexts(
          activities.map((x) => x.description),
          T,
          this.texts.keys,
        );
        return activities.find((x, i) => x.providerId === a.providerId && opened[i] === a.description);
      };
      at(
        a.reportedOn,
        async () => !!(await activity()),
        run(
          new ReportActivityCommand(asProvider(a.providerId, a.reportedOn), year, {
            category: a.category,
            activityDate: a.activityDate,
            amount: a.amount,
            description: a.description,
            businessDate: a.reportedOn,
          }),
        ),
      );
      at(
        a.approvedOn,
        async () => (await activity())?.status !== 'reported',
        async () =>
          this.commands.execute(
            new ApproveActivityCommand(as('controller', a.approvedOn), year, (await activity())!.activityId, { businessDate: a.approvedOn }),
          ),
      );
      at(
        a.actual.on,
        async () => !!(await activity())?.actualReportedOn,
        async () =>
          this.commands.execute(
            new ReportActivityActualCommand(asProvider(a.providerId, a.actual.on), year, (await activity())!.activityId, {
              amount: a.actual.amount,
              businessDate: a.actual.on,
            }),
          ),
      );
    }

    for (const r of plan.reallocations) {
      const budget = () => this.budget(r.sozialraumId, r.fiscalYear);
      at(
        r.proposedOn,
        async () => (await budget()).proposalsMade > 0,
        run(
          new ProposeReallocationCommand(asProvider(r.proposedBy, r.proposedOn), r.sozialraumId, r.fiscalYear, {
            from: r.from,
            to: r.to,
            amount: r.amount,
            reason: r.reason,
            businessDate: r.proposedOn,
          } as DtoOf<typeof ProposeReallocationCommand>),
        ),
      );
      at(
        r.agreedOn,
        async () => (await budget()).proposalsMade > 0 && (await budget()).openProposals.length === 0,
        async () =>
          this.commands.execute(
            new AnswerReallocationCommand(as('controller', r.agreedOn), r.sozialraumId, r.fiscalYear, (await budget()).openProposals[0].proposalId, 'agree', {
              reason: 'einverstanden',
              businessDate: r.agreedOn,
            }),
          ),
      );
    }

    // Steering decisions read the steering stream, which the threshold watch also writes to: each
    // waits until the watch has decided on everything recorded before it, as a controller would
    // see the crossing before closing the month.
    const steeringState = async (sozialraumId: string, fiscalYear: number) => {
      await this.projections.waitFor('threshold-watch');
      return (await this.aggregates.load(streams.steering(T, sozialraumId, fiscalYear), steeringDecider)).state;
    };
    for (const m of plan.monthCloses) {
      at(
        m.on,
        async () => (await steeringState(m.sozialraumId, m.fiscalYear)).closedMonths.includes(m.month),
        run(new CloseMonthCommand(as('controller', m.on), m.sozialraumId, m.fiscalYear, { month: m.month })),
      );
    }
    for (const y of plan.yearEnds) {
      const { sozialraumId, fiscalYear } = y;
      const settlement = async () => (await steeringState(sozialraumId, fiscalYear)).settlement;
      at(
        y.closedOn,
        async () => (await this.budget(sozialraumId, fiscalYear)).status === 'closed',
        async () => {
          await this.projections.waitFor('threshold-watch');
          return this.commands.execute(
            new CloseYearCommand(as('controller', y.closedOn), sozialraumId, fiscalYear, { reason: `Jahresabschluss ${fiscalYear}` }),
          );
        },
      );
      at(
        y.calculatedOn,
        async () => !!(await settlement()),
        run(new CalculateSettlementCommand(as('controller', y.calculatedOn), sozialraumId, fiscalYear, {})),
      );
      at(
        y.confirmedByJugendamtOn,
        async () => !!(await settlement())?.confirmations.some((c) => c.party === 'jugendamt'),
        () => this.commands.execute(new ConfirmSettlementCommand(as('controller', y.confirmedByJugendamtOn), sozialraumId, fiscalYear, {})),
      );
      // The lead provider's confirmation completes it; the next year's budget exists, so it is applied at once.
      at(
        y.confirmedByLeadOn,
        async () => !!(await settlement())?.confirmations.some((c) => c.party === 'lead-provider'),
        () => this.commands.execute(new ConfirmSettlementCommand(asProvider(y.lead, y.confirmedByLeadOn), sozialraumId, fiscalYear, {})),
      );
      // Only after an interrupted run: confirmed by both, but not yet applied to the next year.
      at(
        y.confirmedByLeadOn,
        async () => !!(await settlement())?.applied,
        run(new ApplySettlementCommand(as('controller', y.confirmedByLeadOn), sozialraumId, fiscalYear, {})),
      );
    }
    return steps;
  }

  private async budget(sozialraumId: string, fiscalYear: number) {
    return (await this.aggregates.load(streams.budget(DEMO_TENANT, sozialraumId, fiscalYear), sozialraumBudgetDecider)).state;
  }
}
