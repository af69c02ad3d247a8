// ESLint for the TypeScript of src/, libs/, apps/ and test/: the recommended rules of ESLint and
// typescript-eslint, with the few this code base relies on made explicit below.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // apps/web/src/api/api-schema.ts is generated from docs/openapi.json by openapi-typescript.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'apps/web/dist/**', 'apps/web/src/api/api-schema.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Unused names are mistakes, except an underscore-prefixed one left out on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' },
      ],
      // Nest's injection tokens and declaration merging use empty interfaces and namespaces.
      '@typescript-eslint/no-empty-object-type': 'off',
      eqeqeq: ['error', 'always'],
      // A variable a closure reads before its one assignment (a shutdown hook set up first) stays let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Reports constants read only by parameter decorators (route pipes) as never used.
      'no-useless-assignment': 'off',
      'no-console': 'error',
    },
  },
  {
    // Tests read answers as the JSON they are; production code types what it reads.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.fixtures.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Entry points, benchmarks and tests may print; JS config files are CommonJS.
    files: ['apps/**/main.ts', 'test/**/*.ts', 'scripts/**/*.js'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
