import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const shared = { '@shared': resolve(__dirname, 'src-shared') };

export default defineConfig({
  // Main bundle has three entries: the Electron shell, the headless host and the pool worker.
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          host: resolve(__dirname, 'src-main/host/main.ts'),
          worker: resolve(__dirname, 'src-main/engine/pipeline/worker.ts'),
        },
      },
    },
  },
  // Sandboxed preloads must be CommonJS.
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    resolve: { alias: shared },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
