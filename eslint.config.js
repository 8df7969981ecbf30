// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', Headers: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/store/*', '**/store/**'], message: 'only services/ and the composition root use store/' }] }],
    },
  },
  // SQL stays in store/: only services, the composition root (server/ and the monitor engine, which writes
  // results at volume), the CLI, benchmarks and tests may import it.
  {
    files: ['src/services/**', 'src/store/**', 'src/server/**', 'src/engine/*.ts', 'src/cli/**', 'src/config/**', 'src/**/*.test.ts', 'src/**/*.test-support.ts', 'bench/**', 'src/web/app.ts', 'src/web/ops.routes.ts', 'src/web/route.ts', 'src/web/errors.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/domain/**'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fastify', 'kysely', 'pg', 'better-sqlite3', '../*/**', '../store/*', '../services/*', '../web/*'], message: 'domain/ is pure: no I/O, no frameworks, no other layers' }] }],
    },
  },
  { files: ['scripts/**', 'bin/**'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
);
