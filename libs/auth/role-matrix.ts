import { readFileSync } from 'node:fs';
import { ROLES, Role } from './principal';

/** "METHOD /path/:param" -> roles allowed. Parsed from docs/security.md, the single source. */
export type RoleMatrix = Map<string, Set<Role>>;

const ROW = /^\|\s*`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s]*)`\s*\|(.*)\|\s*$/;

export function parseRoleMatrix(markdown: string): RoleMatrix {
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
  const matrix: RoleMatrix = new Map();
  for (const line of lines) {
    const match = ROW.exec(line);
    if (!match) continue;
    const key = `${match[1]} ${match[2]}`;
    if (matrix.has(key)) throw new Error(`role matrix: ${key} listed twice`);
    const cells = match[3].split('|').map((c) => c.trim());
    if (cells.length !== columns.length) throw new Error(`role matrix: ${key} has ${cells.length} cells, expected ${columns.length}`);
    const allowed = new Set<Role>();
    cells.forEach((cell, i) => {
      if (cell === '✓') allowed.add(columns[i] as Role);
      else if (cell !== '–' && cell !== '-') throw new Error(`role matrix: ${key} cell "${cell}" must be ✓ or –`);
    });
    if (match[1] !== 'GET' && allowed.has('auditor')) throw new Error(`role matrix: auditors can never write (${key})`);
    matrix.set(key, allowed);
  }
  return matrix;
}

export function loadRoleMatrix(path: string): RoleMatrix {
  return parseRoleMatrix(readFileSync(path, 'utf8'));
}

export const ROLE_MATRIX = Symbol('ROLE_MATRIX');
