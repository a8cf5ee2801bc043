// ESLint flat config: typescript-eslint's recommended rules on every TypeScript file, and the
// type-aware rules that catch async mistakes (a promise nobody awaits loses a notification) on the
// packages' sources. Formatting is Prettier's job (eslint-config-prettier turns the style rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.turbo/**',
      '**/coverage/**',
      '**/fixtures/**',
      '**/test/built/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Type tests declare parameters only to check their types.
    files: ['**/*.test-d.ts'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { args: 'none', varsIgnorePattern: '^_' }] },
  },
  {
    // core's item types are interfaces over the schemas' inferred types
    // (`interface TextMessage extends z.infer<typeof textMessageSchema> {}`), so that hovers and
    // compile errors say `TextMessage` instead of repeating its structure.
    files: ['packages/core/src/schemas/**/*.ts'],
    rules: { '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }] },
  },
  {
    // The published code: named exports only (project rule 5). Tool configs keep their default exports.
    files: ['packages/*/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      // Small modules and functions (docs/STYLE.md): the zod schema declarations are exempt below.
      'max-lines': ['error', { max: 350 }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (no default exports).' },
      ],
    },
  },
  {
    // Schema declarations are long tables of Meta's shapes, not logic.
    files: ['packages/core/src/schemas/**/*.ts'],
    rules: { 'max-lines': 'off' },
  },
  prettier,
);
