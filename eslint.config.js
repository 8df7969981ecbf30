// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { layersPlugin } from './scripts/layers.mjs';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', Headers: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The layer table of ARCHITECTURE.md, for every file, with no exemptions: SQL stays in store/, which only
  // services, the engine's top level, the composition root (server/), the CLI, benchmarks and tests import.
  {
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    plugins: { vigil: layersPlugin },
    rules: { 'vigil/layers': 'error' },
  },
  {
    files: ['src/domain/**'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fastify', 'kysely', 'pg', 'better-sqlite3', 'zod', 'yaml'], message: 'domain/ is pure: no I/O, no frameworks' }] }],
    },
  },
  // The web app's browser modules (served as-is, no build step).
  { files: ['src/web/admin/assets/**/*.js'], languageOptions: { sourceType: 'module', globals: globals.browser } },
  { files: ['scripts/**', 'bin/**'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
);
