import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// Built by the test run's global set-up (test/global-setup.ts).
const WEB = join(__dirname, '../../dist/web');
/** The JavaScript the first page may load, gzipped: a budget for slow municipal networks. */
const FIRST_PAGE_BUDGET_BYTES = 300 * 1024;

/** Every script the first page loads: the entry and the modules it preloads or imports statically. */
function firstPageScripts(): string[] {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const found = new Set<string>();
  const pending = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/app\/([^"]+\.js)"/g)].map((m) => m[1]);
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (found.has(file)) continue;
    found.add(file);
    const code = readFileSync(join(WEB, file), 'utf8');
    // Static imports between chunks (`import{a as b}from"./chunk-x.js"`); dynamic import() loads later pages.
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) pending.push(`assets/${m[1]}`);
  }
  return [...found];
}

describe('the size of the web app', () => {
  it(`loads at most ${FIRST_PAGE_BUDGET_BYTES / 1024} KB of gzipped JavaScript on the first page`, () => {
    const scripts = firstPageScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(WEB, file))).length, 0);
    process.stdout.write(`first page: ${scripts.length} scripts, ${(gzipped / 1024).toFixed(1)} KB gzipped\n`);
    expect(gzipped).toBeLessThan(FIRST_PAGE_BUDGET_BYTES);
  });
});
