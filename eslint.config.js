import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';

// Type-aware rules run on the TypeScript sources (one project service for all of them, so the
// program is built once); plain JS config files get only the syntactic rules.
const typeChecked = ['**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'terraform/cdktf.out/',
      'terraform/module/',
      '**/*.d.ts',
      '**/*.d.cts',
      '**/*.generated.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: typeChecked })),
  {
    files: typeChecked,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      // Tests that need a tool on the machine run through `itWithTerraform` (it or it.skip).
      'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['itWithTerraform'] }],
      // @types/jest types the global expect's asymmetric matchers (expect.stringMatching, ...)
      // as `any`; the `expect` from @jest/globals is typed, and what tests should import.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
