import { ROLES, Role } from './principal';

/** "METHOD /path/:param" -> roles allowed. */
export type RoleMatrix = ReadonlyMap<string, ReadonlySet<Role>>;

/** The matrix as written in code: each route with the roles that may call it. */
export type RoleMatrixRows = Readonly<Record<string, readonly Role[]>>;

const ROUTE = /^(GET|POST|PUT|PATCH|DELETE) (\/[^\s]*)$/;
const ROW = /^\|\s*`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s]*)`\s*\|(.*)\|\s*$/;

/**
 * Checks the rows and builds the matrix: routes in the form the guard looks up, known roles only,
 * and no write a token holding `auditor` could make (auditors can never write).
 */
export function defineRoleMatrix(rows: RoleMatrixRows): RoleMatrix {
  const matrix = new Map<string, Set<Role>>();
  for (const [key, roles] of Object.entries(rows)) {
    const route = ROUTE.exec(key);
    if (!route) throw new Error(`role matrix: "${key}" is not "METHOD /path"`);
    for (const role of roles) if (!(ROLES as readonly string[]).includes(role)) throw new Error(`role matrix: unknown role "${role}" in ${key}`);
    if (route[1] !== 'GET' && roles.includes('auditor')) throw new Error(`role matrix: auditors can never write (${key})`);
    matrix.set(key, new Set(roles));
  }
  return matrix;
}

/** The matrix as the Markdown table docs/security.md shows: a column per role, ✓ allows, – refuses. */
export function renderRoleMatrixTable(matrix: RoleMatrix): string {
  const lines = [`| Endpoint | ${ROLES.join(' | ')} |`, `|---|${ROLES.map(() => '---|').join('')}`];
  for (const [key, roles] of matrix) lines.push(`| \`${key}\` | ${ROLES.map((role) => (roles.has(role) ? '✓' : '–')).join(' | ')} |`);
  return lines.join('\n');
}

/** Reads such a table back (for checking a document against the matrix in code). */
export function parseRoleMatrixTable(markdown: string): RoleMatrix {
  const lines = markdown.split(/\r?\n/);
  const header = lines.find((line) => /^\|\s*Endpoint\s*\|/.test(line));
  if (!header) throw new Error('role matrix: no table with an "Endpoint" column found');
  const columns = header
    .split('|')
    .slice(2, -1)
    .map((c) => c.trim());
  for (const column of columns) {
    if (!(ROLES as readonly string[]).includes(column)) throw new Error(`role matrix: unknown role column "${column}"`);
  }
  const rows: Record<string, Role[]> = {};
  for (const line of lines) {
    const match = ROW.exec(line);
    if (!match) continue;
    const key = `${match[1]} ${match[2]}`;
    if (rows[key]) throw new Error(`role matrix: ${key} listed twice`);
    const cells = match[3].split('|').map((c) => c.trim());
    if (cells.length !== columns.length) throw new Error(`role matrix: ${key} has ${cells.length} cells, expected ${columns.length}`);
    rows[key] = [];
    cells.forEach((cell, i) => {
      if (cell === '✓') rows[key].push(columns[i] as Role);
      else if (cell !== '–' && cell !== '-') throw new Error(`role matrix: ${key} cell "${cell}" must be ✓ or –`);
    });
  }
  return defineRoleMatrix(rows);
}

export const ROLE_MATRIX = Symbol('ROLE_MATRIX');
