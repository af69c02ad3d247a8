import { defineRoleMatrix, parseRoleMatrixTable, renderRoleMatrixTable } from './role-matrix';

describe('role matrix', () => {
  it('renders a table that reads back as the same matrix', () => {
    const matrix = defineRoleMatrix({ 'GET /budgets': ['controller', 'auditor'], 'POST /budgets': ['controller'] });
    const table = renderRoleMatrixTable(matrix);
    expect(table.split('\n')[2]).toBe('| `GET /budgets` | ✓ | – | – | – | ✓ | – |');
    expect(parseRoleMatrixTable(table)).toEqual(matrix);
  });

  it('refuses a write an auditor could make, unknown roles and malformed routes', () => {
    expect(() => defineRoleMatrix({ 'POST /budgets': ['auditor'] })).toThrow('auditors can never write');
    expect(() => defineRoleMatrix({ 'GET /budgets': ['mayor' as never] })).toThrow('unknown role');
    expect(() => defineRoleMatrix({ 'get /budgets': ['controller'] })).toThrow('is not "METHOD /path"');
  });
});
