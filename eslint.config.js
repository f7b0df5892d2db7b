// ESLint: typescript-eslint type-checked rules, plus the layer rules of DESIGN.md §2 as import restrictions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs in the browser too: no Node built-ins.' };
const electronPkg = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };

/** @param {string[]} groups @param {string} message */
const forbid = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  {
    ignores: ['**/.scratch/**', 'node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'native/**', 'db/migrations/**', 'coverage/**', '**/*.d.ts.map'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['electron/**/*.ts', 'db/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['electron/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPkg],
          patterns: [nodeBuiltins, forbid(['**/core/**', '**/main/**', '**/preload/**', '**/db/**', '**/renderer/**'], 'electron/common depends on nothing but zod.')],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronPkg], patterns: [forbid(['**/electron/core/**', '**/electron/main/**', '**/renderer/**'], 'db sits below core: common <- db <- core.')] },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronPkg], patterns: [forbid(['**/main/**', '**/preload/**', '**/renderer/**'], 'core is plain Node: it never reaches into main, preload or renderer.')] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [nodeBuiltins, forbid(['**/core/**', '**/main/**', '**/db/**', '**/renderer/**'], 'preload exposes the contract only.')] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // React props declared as methods are never called with `this`; the rule only adds noise there
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPkg, { name: 'better-sqlite3', message: 'renderer talks to core only through the contract.' }],
          patterns: [
            nodeBuiltins,
            forbid(['**/electron/core/**', '**/electron/main/**', '**/electron/preload/**', '**/db/**', '**/scripts/**'], 'renderer imports only electron/common (types and schemas).'),
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
