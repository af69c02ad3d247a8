// Reports after a jest run which operations of docs/openapi.json the API tests called, with which
// statuses, and how many answers violated the contract (test/support/contract-check.ts records them).
const { readdirSync, readFileSync, existsSync, rmSync } = require('node:fs');
const { join } = require('node:path');

class ContractCoverageReporter {
  onRunComplete() {
    const dir = process.env.CONTRACT_COVERAGE_DIR;
    if (!dir || !existsSync(dir)) return;
    const seen = new Map();
    let violations = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
        const entry = JSON.parse(line);
        const statuses = seen.get(entry.operation) ?? new Set();
        statuses.add(entry.status);
        seen.set(entry.operation, statuses);
        violations += entry.violations;
      }
    }
    rmSync(dir, { recursive: true, force: true });
    if (seen.size === 0) return;
    const document = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8'));
    const operations = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item))
        operations.push({ name: `${method.toUpperCase()} ${path}`, declared: Object.keys(operation.responses ?? {}) });
    }
    const declaredPairs = operations.reduce((n, o) => n + o.declared.length, 0);
    const seenPairs = operations.reduce((n, o) => n + o.declared.filter((s) => seen.get(o.name)?.has(Number(s))).length, 0);
    const withSuccess = operations.filter((o) => [...(seen.get(o.name) ?? [])].some((s) => s < 300));
    const called = operations.filter((o) => seen.has(o.name));
    const errorStatuses = [...seen.values()].reduce((n, s) => n + [...s].filter((x) => x >= 400).length, 0);
    const lines = [
      'API contract check:',
      `  ${called.length} of ${operations.length} operations called, ${withSuccess.length} of them with a success answer`,
      `  ${seenPairs} of ${declaredPairs} declared (operation, status) answers produced, ${errorStatuses} of them problem answers`,
      `  ${violations} answers violated the contract`,
    ];
    const missing = operations.filter((o) => !withSuccess.includes(o)).map((o) => o.name);
    if (missing.length > 0 && missing.length <= 20) lines.push(`  without a success answer: ${missing.join(', ')}`);
    else if (missing.length > 20) lines.push(`  ${missing.length} operations without a success answer (a partial run)`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}

module.exports = ContractCoverageReporter;
