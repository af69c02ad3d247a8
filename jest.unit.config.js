/**
 * The pure specs beside the code in src/, libs/ and apps/: deciders, rules, projections' row
 * functions, parsers. No PostgreSQL is started (no globalSetup), so `npm run test:unit` answers in
 * seconds; `npm test` runs these and everything in test/ on a real PostgreSQL.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/{src,libs,apps}/**/*.spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
};
