import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const shared = { '@shared': resolve(__dirname, 'src-shared') };

export default defineConfig({
  // Main bundle entries: the Electron shell, the headless host, the pool worker and the recorder worker.
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          host: resolve(__dirname, 'src-main/host/main.ts'),
          worker: resolve(__dirname, 'src-main/engine/pipeline/worker.ts'),
          recorder: resolve(__dirname, 'src-main/engine/recorder/recorder-worker.ts'),
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
