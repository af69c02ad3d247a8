import type { paths } from './api-schema';

/** The answers of the reads the app makes, exactly as the API's contract types them. */
type Ok<Path extends keyof paths> = paths[Path] extends { get: { responses: { 200: { content: { 'application/json': infer Body } } } } } ? Body : never;

export type BudgetPage = Ok<'/budgets'>;
export type BudgetItem = BudgetPage['items'][number];
export type SozialraumPage = Ok<'/sozialraeume'>;
export type ProviderPage = Ok<'/providers'>;
export type SteeringOverview = Ok<'/steering/{sozialraumId}/{fiscalYear}'>;
export type ForecastTimeline = Ok<'/steering/{sozialraumId}/{fiscalYear}/forecast-timeline'>;
export type TimelineEntry = ForecastTimeline['entries'][number];
export type Utilisation = Ok<'/steering/{sozialraumId}/{fiscalYear}/utilisation'>;
export type UtilisationCategory = Utilisation['categories'][number];
export type Category = UtilisationCategory['category'];
export type UtilisationProvider = Utilisation['providers'][number];
export type OutOfBudgetReason = Utilisation['outOfBudget'][number]['reason'];
export type RevenueKind = Utilisation['revenue'][number]['kind'];
export type MonitoringList = Ok<'/steering/{sozialraumId}/{fiscalYear}/monitoring-list'>;
export type BudgetStatus = BudgetItem['status'];

/** asOf, knownAt and knownAtPosition, as every steering read takes them. */
export type ViewQuery = NonNullable<paths['/steering/{sozialraumId}/{fiscalYear}/utilisation']['get']['parameters']['query']>;

export type AuditLogPage = Ok<'/audit/events'>;
export type AuditEvent = AuditLogPage['items'][number];
/** streamId and type, the filters of GET /audit/events. */
export type AuditEventFilter = Pick<NonNullable<paths['/audit/events']['get']['parameters']['query']>, 'streamId' | 'type'>;
export type AuditVerification = Ok<'/audit/verification'>;
export type AuditPublicKey = Ok<'/audit/public-keys'>['items'][number];
export type AuditCheckpoint = Ok<'/audit/checkpoints'>['items'][number];
export type NotificationPage = Ok<'/notifications'>;
export type NotificationItem = NotificationPage['items'][number];
export type InvoicePage = Ok<'/invoices'>;
export type InvoiceItem = InvoicePage['items'][number];
export type InvoiceStatus = InvoiceItem['status'];
export type CaseView = Ok<'/cases/{caseRef}'>;
export type CaseInvoice = CaseView['approvals'][number]['invoices'][number];

export type WirkungMonitoring = Ok<'/wirkung/{sozialraumId}/{fiscalYear}'>;
export type WirkungIndicator = WirkungMonitoring['indicators'][number];
export type IndicatorUnit = WirkungIndicator['unit'];
export type TargetAgreements = Ok<'/wirkung/{sozialraumId}/{fiscalYear}/target-agreements'>;
export type TargetAgreementVersion = TargetAgreements['versions'][number];
export type IndicatorReports = Ok<'/wirkung/{sozialraumId}/{fiscalYear}/reports'>;
export type IndicatorReport = IndicatorReports['reports'][number];
export type WirkungEvaluation = Ok<'/wirkung/{sozialraumId}/{fiscalYear}/evaluation'>;
export type PerformanceEvaluation = NonNullable<WirkungEvaluation['preview']>;
export type WirkungComparison = Ok<'/indicators/{indicatorKey}/comparison/{fiscalYear}'>;
export type IndicatorCatalogue = Ok<'/indicators'>;
export type CatalogueIndicator = IndicatorCatalogue['indicators'][number];
