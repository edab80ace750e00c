// One lint setup for server, client, seed, scripts and tests: type-aware rules from
// typescript-eslint, formatting left to Prettier.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'client/dist',
      '.neo4j',
      '.venv-tools',
      '.schemathesis',
      'test-results',
      'eslint.config.js',
      // Plain CommonJS configuration read by dependency-cruiser, outside the TypeScript project.
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests read untyped JSON responses; asserting on them is the point.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The canvas owns Cytoscape: only canvas.ts and the two modules it alone uses (style.ts,
    // elements.ts) import it or them; other modules call the canvas's named methods. The test
    // hook cyForTests is for tests, the benchmark and devtools, never for the client itself.
    files: ['client/src/**/*.ts'],
    ignores: ['client/src/canvas.ts', 'client/src/style.ts', 'client/src/elements.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^cytoscape(-.*)?$',
              message: 'Only client/src/canvas.ts uses Cytoscape: call a method of the canvas.',
            },
            {
              regex: '^\\.{1,2}/(style|elements)$',
              message: 'style.ts and elements.ts belong to the canvas; colours are in palette.ts.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          property: 'cyForTests',
          message: "The test hook is for tests and devtools: use the canvas's named methods.",
        },
      ],
    },
  },
  {
    // Every panel has one shape: a createXPanel(deps) factory returning a Panel (panel.ts).
    files: ['client/src/panels/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ClassDeclaration',
          message: 'A panel is made by a createXPanel(deps) factory, not a class (see panel.ts).',
        },
      ],
    },
  },
  prettier,
);
