/// <reference types="jest" />
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mayOpen, NAV_ITEMS, navigationFor, PAGE_READS, PAGE_ROLES, type PageName } from './access';
import type { Role } from './session';

/** The rows of the API's role matrix, read from its source: "GET /audit/events" → roles. */
function roleMatrixRows(): Map<string, string[]> {
  const source = readFileSync(join(__dirname, '../../../src/shared/role-matrix.ts'), 'utf8');
  const rows = new Map<string, string[]>();
  for (const match of source.matchAll(/'((?:GET|POST|PUT|PATCH|DELETE) [^']+)':\s*\[([^\]]*)\]/g)) {
    rows.set(
      match[1] ?? '',
      [...(match[2] ?? '').matchAll(/'([a-z]+)'/g)].map((role) => role[1] ?? ''),
    );
  }
  return rows;
}

const labels = (roles: Role[]) => navigationFor(roles).map((item) => item.label);

describe('PAGE_ROLES', () => {
  const matrix = roleMatrixRows();

  it.each(Object.entries(PAGE_READS))('lets exactly the roles open %s that the role matrix allows every read of it', (page, reads) => {
    const allowed = reads.map((read) => {
      const roles = matrix.get(read);
      expect(roles).toBeDefined();
      return roles ?? [];
    });
    const everyRead = allowed.reduce((common, roles) => common.filter((role) => roles.includes(role)));
    expect([...PAGE_ROLES[page as PageName]].sort()).toEqual([...everyRead].sort());
  });

  it('offers no role a link to a page it may not open', () => {
    for (const item of NAV_ITEMS) for (const role of item.roles) expect(mayOpen([role], item.page)).toBe(true);
  });
});

describe('navigationFor', () => {
  it('offers each role the pages of its work', () => {
    expect(labels(['controller'])).toEqual(['Übersicht', 'Flexible Mittel', 'Meldungen', 'Ereignisprotokoll', 'Prüfkette']);
    expect(labels(['auditor'])).toEqual(['Übersicht', 'Meldungen', 'Ereignisprotokoll', 'Prüfkette']);
    expect(labels(['caseworker'])).toEqual(['Übersicht', 'Fälle', 'Meldungen']);
    expect(labels(['wiju'])).toEqual(['Übersicht', 'Meldungen', 'Rechnungen zur Prüfung']);
    expect(labels(['provider'])).toEqual(['Übersicht', 'Fälle', 'Flexible Mittel']);
    expect(labels(['admin'])).toEqual(['Übersicht']);
  });

  it('joins the links of several roles in the order of the navigation', () => {
    expect(labels(['provider', 'auditor'])).toEqual(['Übersicht', 'Fälle', 'Flexible Mittel', 'Meldungen', 'Ereignisprotokoll', 'Prüfkette']);
    expect(labels([])).toEqual([]);
  });
});

describe('mayOpen', () => {
  it('refuses the audit pages to the roles the matrix refuses them', () => {
    expect(mayOpen(['auditor'], 'audit-events')).toBe(true);
    expect(mayOpen(['caseworker'], 'audit-events')).toBe(false);
    expect(mayOpen(['provider'], 'notifications')).toBe(false);
    expect(mayOpen(['admin'], 'audit-verification')).toBe(false);
    expect(mayOpen(['provider'], 'overview')).toBe(true);
  });
});
