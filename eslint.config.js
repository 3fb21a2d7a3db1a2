// Flat config. The no-restricted-imports blocks below are the architecture:
// they keep src-shared pure, the engine free of Electron and the renderer behind TelemetryApi.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'net', 'http', 'https', 'url', 'crypto', 'stream', 'events', 'util'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // No import circles anywhere in the product code: a cycle means two rooms that should be one, or a
    // missing interface between them.
    files: ['src-shared/**/*.ts', 'src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: restrict(
      [...nodeBuiltins, 'electron', 'electron/*', 'react', 'react-dom', 'react-dom/*', 'ws', '**/src-main/**', '**/src-renderer/**'],
      'src-shared is pure TypeScript: no Node, DOM, Electron or React, and nothing from src-main or src-renderer.',
    ),
  },
  {
    files: ['src-main/engine/**/*.ts'],
    rules: restrict(
      ['electron', 'electron/*', '**/src-renderer/**', '**/electron/**', '**/host/**', '**/preload/**', 'react', 'react-dom'],
      'The engine is a plain Node library: it never imports electron, the shells or the renderer.',
    ),
  },
  {
    files: ['src-main/host/**/*.ts'],
    rules: restrict(['electron', 'electron/*', '**/src-renderer/**', '**/electron/**', '**/preload/**'], 'The host runs without Electron.'),
  },
  {
    files: ['src-main/common/**/*.ts'],
    rules: restrict(['electron', 'electron/*', '**/electron/**', '**/host', '**/host/**', '**/preload/**', '**/engine/**', '**/src-renderer/**'], 'src-main/common holds Node helpers both shells share: it imports neither shell, the preload nor the engine.'),
  },
  {
    // The Electron shell is thin and stands beside the host, never on it: what both need lives in
    // src-shared or the engine.
    files: ['src-main/electron/**/*.ts'],
    rules: restrict(['**/host', '**/host/**', '**/src-renderer/**'], 'The Electron shell does not import the host (shared pieces live in src-shared or the engine).'),
  },
  {
    // Raw IPC in one place: every handler checks the sender and validates, every send goes to a known channel.
    files: ['src-main/electron/**/*.ts'],
    ignores: ['src-main/electron/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='ipcMain']", message: 'Use ipcMain only in src-main/electron/ipc.ts (sender check and validation live there).' },
        { selector: "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']", message: 'webContents.send only in src-main/electron/ipc.ts (known channels only).' },
        { selector: "CallExpression[callee.property.name='send'][callee.object.name='webContents']", message: 'webContents.send only in src-main/electron/ipc.ts (known channels only).' },
      ],
    },
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, '**/engine/**', '**/host/**', '**/src-renderer/**'],
      'The preload only bridges ipcRenderer to TelemetryApi: electron and src-shared only.',
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...restrict(
        [...nodeBuiltins, 'electron', 'electron/*', 'serialport', '@serialport/*', 'piscina', 'ws', 'pino', '**/src-main/**'],
        'The renderer talks only to TelemetryApi: no Node, Electron or src-main imports.',
      ),
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  // Renderer rooms: app/ (the shell) composes features; a feature reaches another only through its
  // index; ui/, state/ and platform/ know no feature and no shell.
  {
    files: ['src-renderer/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, 'electron', 'electron/*', 'serialport', '@serialport/*', 'piscina', 'ws', 'pino', '**/src-main/**'], message: 'The renderer talks only to TelemetryApi: no Node, Electron or src-main imports.' },
            { group: ['**/app', '**/app/**'], message: 'A feature never imports the app shell: the shell composes the features.' },
            { regex: '^\\.\\./(?!\\.)[^/]+/.+', message: "A feature imports another only through its index ('../<feature>')." },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/{ui,state,platform}/**/*.{ts,tsx}'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'electron/*', 'serialport', '@serialport/*', 'piscina', 'ws', 'pino', '**/src-main/**', '**/features/**', '**/app/**'],
      'ui/, state/ and platform/ are below the features and the shell: they import neither.',
    ),
  },
  {
    files: ['src-renderer/app/**/*.{ts,tsx}', 'src-renderer/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, 'electron', 'electron/*', 'serialport', '@serialport/*', 'piscina', 'ws', 'pino', '**/src-main/**'], message: 'The renderer talks only to TelemetryApi: no Node, Electron or src-main imports.' },
            { regex: 'features/[^/]+/.+', message: "The shell imports a feature only through its index ('../features/<feature>')." },
          ],
        },
      ],
    },
  },
);
