import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A plain Node script (it runs before anything is compiled), hence require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleReason } = require('../../scripts/build-if-changed.js') as { staleReason(configPath: string): string | undefined };

/** npm run token/audit/ops/start skip tsc when nothing changed since the last build. */
describe('build-if-changed', () => {
  let root: string;
  const config = () => join(root, 'tsconfig.build.json');
  const stamp = () => join(root, 'dist', '.build-stamp-tsconfig.build');
  const past = new Date(Date.now() - 60_000);
  const later = new Date(Date.now() - 30_000);

  const setTimes = (path: string, time: Date) => utimesSync(path, time, time);
  const build = () => {
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(stamp(), 'built\n');
    setTimes(stamp(), later);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sozialraum-build-spec-'));
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { outDir: './dist' }, include: ['apps', 'libs'] }));
    writeFileSync(config(), JSON.stringify({ extends: './tsconfig.json', include: ['apps', 'libs'], exclude: ['**/*.spec.ts', 'libs/testing'] }));
    for (const dir of ['apps/api', 'libs/money', 'libs/testing']) mkdirSync(join(root, dir), { recursive: true });
    for (const file of ['apps/api/main.ts', 'libs/money/money.ts', 'libs/money/money.spec.ts', 'libs/testing/test-app.ts'])
      writeFileSync(join(root, file), 'export {};\n');
    for (const path of [
      'tsconfig.json',
      'tsconfig.build.json',
      'apps',
      'apps/api',
      'apps/api/main.ts',
      'libs',
      'libs/money',
      'libs/money/money.ts',
      'libs/money/money.spec.ts',
      'libs/testing',
      'libs/testing/test-app.ts',
    ]) {
      setTimes(join(root, path), past);
    }
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds when there is no build yet and not again when nothing changed', () => {
    expect(staleReason(config())).toBe('no build yet');
    build();
    expect(staleReason(config())).toBeUndefined();
  });

  it('builds again when an included source file changed', () => {
    build();
    setTimes(join(root, 'libs/money/money.ts'), new Date());
    expect(staleReason(config())).toBe('libs changed');
  });

  it('builds again when a file was removed (its folder changed, no remaining file did)', () => {
    build();
    unlinkSync(join(root, 'libs/money/money.ts'));
    expect(staleReason(config())).toBe('libs changed');
  });

  it('builds again when a tsconfig of the chain changed', () => {
    build();
    setTimes(join(root, 'tsconfig.json'), new Date());
    expect(staleReason(config())).toBe('tsconfig.json changed');
  });

  it('ignores what the build excludes: spec files and excluded folders', () => {
    build();
    setTimes(join(root, 'libs/money/money.spec.ts'), new Date());
    setTimes(join(root, 'libs/testing/test-app.ts'), new Date());
    setTimes(join(root, 'libs/testing'), new Date());
    expect(staleReason(config())).toBeUndefined();
  });
});
