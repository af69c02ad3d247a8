import { renderRoleMatrixTable } from '../../libs/auth/role-matrix';
import { roleMatrix } from './role-matrix';

const START = /<!-- role-matrix:start[^>]*-->\n/;
const END = '<!-- role-matrix:end -->';

/** docs/security.md with its role-matrix section showing the matrix in code. */
export function withRoleMatrixSection(markdown: string): string {
  const start = START.exec(markdown);
  const end = markdown.indexOf(END);
  if (!start || end < start.index) throw new Error('docs/security.md has no role-matrix:start / role-matrix:end section');
  const head = markdown.slice(0, start.index + start[0].length);
  return `${head}${renderRoleMatrixTable(roleMatrix)}\n${markdown.slice(end)}`;
}
