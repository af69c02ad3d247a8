import type { Role } from './session';

/**
 * Which role may open which page, and which pages the navigation offers it. A page may be opened
 * only by the roles the API's role matrix (src/shared/role-matrix.ts) lets call every read the
 * page makes; the navigation offers each role the pages of its daily work, never more than that.
 * Pure, without React.
 */

export type PageName =
  'overview' | 'cases' | 'case' | 'flexible' | 'notifications' | 'invoice-queue' | 'audit-events' | 'audit-verification' | 'wirkung' | 'wirkung-comparison';

/** The pages the main navigation links to (the others are opened from a page about one Sozialraum-year). */
export type NavPage = Exclude<PageName, 'wirkung' | 'wirkung-comparison' | 'case'>;

const EVERY_ROLE: readonly Role[] = ['controller', 'caseworker', 'wiju', 'provider', 'auditor', 'admin'];

/** The reads each page makes, as "METHOD /path" of the role matrix. */
export const PAGE_READS: Record<Exclude<PageName, 'overview'>, readonly string[]> = {
  cases: ['GET /approvals', 'GET /sozialraeume', 'GET /providers'],
  case: ['GET /cases/:caseRef', 'GET /providers', 'GET /cases/:caseRef/approvals/:approvalId/months/:serviceMonth'],
  flexible: ['GET /flexible-activities'],
  notifications: ['GET /notifications'],
  'invoice-queue': ['GET /invoices', 'GET /cases/:caseRef'],
  'audit-events': ['GET /audit/events'],
  'audit-verification': ['GET /audit/verification', 'GET /audit/export'],
  wirkung: [
    'GET /wirkung/:sozialraumId/:fiscalYear',
    'GET /wirkung/:sozialraumId/:fiscalYear/target-agreements',
    'GET /wirkung/:sozialraumId/:fiscalYear/reports',
  ],
  'wirkung-comparison': ['GET /indicators', 'GET /indicators/:indicatorKey/comparison/:fiscalYear'],
};

/** Who may open a page: the roles the role matrix allows every read of the page. */
export const PAGE_ROLES: Record<PageName, readonly Role[]> = {
  overview: EVERY_ROLE,
  cases: ['controller', 'caseworker', 'wiju', 'provider', 'auditor'],
  case: ['controller', 'caseworker', 'wiju', 'provider', 'auditor'],
  flexible: ['controller', 'caseworker', 'wiju', 'provider', 'auditor'],
  notifications: ['controller', 'caseworker', 'wiju', 'auditor'],
  'invoice-queue': ['controller', 'wiju', 'provider', 'auditor'],
  'audit-events': ['controller', 'auditor'],
  'audit-verification': ['controller', 'auditor'],
  wirkung: ['controller', 'caseworker', 'wiju', 'provider', 'auditor'],
  'wirkung-comparison': ['controller', 'auditor'],
};

export interface NavItem {
  page: NavPage;
  label: string;
  roles: readonly Role[];
}

/** The links of the main navigation in their order, each with the roles it is offered to. */
export const NAV_ITEMS: readonly NavItem[] = [
  { page: 'overview', label: 'Übersicht', roles: EVERY_ROLE },
  // A Träger invoices from the case page of its own approvals.
  { page: 'cases', label: 'Fälle', roles: ['caseworker', 'provider'] },
  { page: 'flexible', label: 'Flexible Mittel', roles: ['controller', 'provider'] },
  { page: 'notifications', label: 'Meldungen', roles: ['controller', 'caseworker', 'wiju', 'auditor'] },
  { page: 'invoice-queue', label: 'Rechnungen zur Prüfung', roles: ['wiju'] },
  { page: 'audit-events', label: 'Ereignisprotokoll', roles: ['controller', 'auditor'] },
  { page: 'audit-verification', label: 'Prüfkette', roles: ['controller', 'auditor'] },
];

/** Whether one of the roles may open the page. */
export function mayOpen(roles: readonly Role[], page: PageName): boolean {
  return roles.some((role) => PAGE_ROLES[page].includes(role));
}

/** The navigation for the signed-in roles: every link one of them is offered, in order. */
export function navigationFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((role) => roles.includes(role)) && mayOpen(roles, item.page));
}

/** The title of each page, as the navigation and the notice for a role that may not open it name it. */
export const PAGE_TITLE: Record<PageName, string> = {
  overview: 'Übersicht',
  cases: 'Fälle',
  case: 'Fall',
  flexible: 'Flexible Mittel',
  notifications: 'Meldungen',
  'invoice-queue': 'Rechnungen zur Prüfung',
  'audit-events': 'Ereignisprotokoll',
  'audit-verification': 'Prüfkette',
  wirkung: 'Wirkung',
  'wirkung-comparison': 'Wirkung im Vergleich der Sozialräume',
};
