import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withRoleMatrixSection } from '../../src/shared/role-matrix-doc';

/** Writes the parts of docs/ that are generated from code: `roles` (the role matrix of docs/security.md). */
function main(argv: string[]): number {
  const [command] = argv;
  if (command !== 'roles') {
    process.stderr.write('usage: docs-cli roles   (writes the role matrix into docs/security.md)\n');
    return 2;
  }
  const path = join(process.cwd(), 'docs', 'security.md');
  const before = readFileSync(path, 'utf8');
  const after = withRoleMatrixSection(before);
  if (after !== before) writeFileSync(path, after);
  process.stdout.write(after === before ? 'docs/security.md: role matrix unchanged\n' : 'docs/security.md: role matrix written\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
