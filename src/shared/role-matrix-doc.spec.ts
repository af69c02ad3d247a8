import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRoleMatrixTable } from '../../libs/auth/role-matrix';
import { roleMatrix } from './role-matrix';
import { withRoleMatrixSection } from './role-matrix-doc';

describe('the role matrix in docs/security.md', () => {
  const doc = readFileSync(join(__dirname, '../../docs/security.md'), 'utf8');

  it('is the matrix in code, cell by cell (run `npm run docs:roles` after changing it)', () => {
    expect(withRoleMatrixSection(doc)).toBe(doc);
    expect(parseRoleMatrixTable(doc)).toEqual(roleMatrix);
  });
});
