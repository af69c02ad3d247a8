import { Role } from '../../../libs/auth/principal';
import { DEMO_PROVIDERS, DEMO_TENANT } from '../../../src/demo/demo-data';

/** Someone of the demo tenant a developer can sign in as: a role, never a real person. */
export interface DemoUser {
  id: string;
  role: Role;
  name: string;
  providerId?: string;
}

/**
 * The demo tenant's users, one per role, two for the Wirtschaftliche Jugendhilfe (the second
 * check of an invoice is by another person) and one for each Träger.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'controller-1', role: 'controller', name: 'Controlling des Jugendamts' },
  { id: 'caseworker-1', role: 'caseworker', name: 'Fallsteuerung (ASD)' },
  { id: 'wiju-1', role: 'wiju', name: 'Wirtschaftliche Jugendhilfe 1' },
  { id: 'wiju-2', role: 'wiju', name: 'Wirtschaftliche Jugendhilfe 2' },
  ...DEMO_PROVIDERS.map((p) => ({ id: `provider-${p.providerId}`, role: 'provider' as const, name: p.name, providerId: p.providerId })),
  { id: 'auditor-1', role: 'auditor', name: 'Rechnungsprüfungsamt' },
  { id: 'admin-1', role: 'admin', name: 'Fachadministration' },
];

export const DEMO_USERS_TENANT = DEMO_TENANT;
