// ESLint flat config: `npm run lint` (eslint --max-warnings 0, then prettier --check).
// Syntactic rules only (no type-checked configs): the lint must stay cheap on a 2-core machine.
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { createRequire } from 'node:module';

// ESLint's own parser (a dependency of eslint), for the one ES5 file.
const espree = createRequire(import.meta.resolve('eslint'))('espree');

// The office-addins rules at the severities of the plugin's own `recommended` config. That config
// as a whole also brings its own parser, @eslint/js and prettier-as-a-rule for every file, so only
// its office-addins rules are taken.
const officeAddinsRules = Object.fromEntries(
  officeAddins.configs.recommended.flatMap((config) => Object.entries(config.rules ?? {})).filter(([name]) => name.startsWith('office-addins/')),
);

export default defineConfig(
  globalIgnores(['build/', 'dist/', 'dist-wps/', 'wps-package/', 'coverage/', 'test-output/', '.cert/', '**/node_modules/']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a binding a signature requires but the body does not use; `const { a, ...rest } = o`
      // is how an object without `a` is made.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // No stray logging in the engine, the add-in or the tests (the CLI writes through its io); a test that prints a
  // measurement says so with a disable comment. Scripts and bin are command-line tools: printing is their output.
  {
    ignores: ['bin/**', 'scripts/**', 'assets/**'],
    rules: { 'no-console': 'error' },
  },

  // Node: command line, scripts, tests, tool configs.
  {
    files: ['src/cli/**', 'src/xlsx/**', 'src/bench/**', 'bin/**', 'scripts/**', 'assets/**', 'test/**', '*.js', '*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
  // CommonJS scripts (bin, scripts, tool configs, the ribbon's BigInt shim).
  {
    files: ['**/*.js'],
    ignores: ['src/commands/legacy.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }, // CommonJS files load modules with require()
  },

  // Browser: the add-in (task pane, ribbon functions, dialog, Office adapter) and the preview.
  {
    files: ['src/office/**', 'src/commands/**', 'src/taskpane/**', 'src/preview/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The two ES5 files, shipped without Babel: the task pane's legacy-webview page script (no modules, Office is a page
  // global) and the ribbon's BigInt shim. Parsed by espree as ES5, so newer syntax is an error (typescript-eslint's
  // parser ignores ecmaVersion).
  {
    files: ['src/commands/legacy.js', 'src/commands/bigint-ie11.js'],
    languageOptions: { parser: espree, ecmaVersion: 5 },
  },
  {
    files: ['src/commands/legacy.js'],
    languageOptions: { sourceType: 'script', globals: { Office: 'readonly' } },
  },

  // Office.js usage: Microsoft's office-addins rules.
  {
    files: ['src/office/**/*.{ts,tsx}', 'src/commands/**/*.{ts,tsx}', 'src/taskpane/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: officeAddinsRules,
  },

  // React: rules of hooks for the task pane and the preview.
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'src/preview/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },

  // Last: switches off the rules that Prettier's formatting makes moot.
  prettier,
);
