/** One PostgreSQL server per test run (globalSetup); every test file clones its own database. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  // A few dependencies ship only ESM; swc turns them into CommonJS for jest's module system.
  transform: { '^.+\\.ts$': swc, '^.+/node_modules/(content-disposition|@noble)/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|@noble)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/{src,libs,apps,test}/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/contract-reporter.js'],
};
