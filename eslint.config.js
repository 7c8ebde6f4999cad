import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Only these files may load Electron: the window, IPC registration, app
// lifecycle, the export save dialog / PDF printing, and the preload. Everything else runs under the CLI, serve mode
// and vitest, where there is no Electron.
const electronFiles = ['src/main/index.ts', 'src/main/window.ts', 'src/main/ipc.ts', 'src/main/menu.ts', 'src/main/export-dialog.ts', 'src/preload/**/*.ts'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test/fixtures/**/*.java'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only the Electron shell files may import electron.' }] }],
    },
  },
  { files: electronFiles, rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the backend only through the contract.' }],
          patterns: [{ group: ['**/main/**', 'node:*'], message: 'The renderer imports only src/shared and its own files.' }],
        },
      ],
    },
  },
);
