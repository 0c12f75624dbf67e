// Builds the four outputs: Electron main + Node entry points, the CommonJS preload, and the React renderer.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          // The Electron shell; the only entry that imports 'electron'.
          index: resolve(import.meta.dirname, 'src/main/shell/main.ts'),
          // Node entry points that never load Electron.
          web: resolve(import.meta.dirname, 'src/main/web/main.ts'),
          cli: resolve(import.meta.dirname, 'src/main/cli/main.ts'),
          bench: resolve(import.meta.dirname, 'bench/main.ts'),
          // The optimizer's child process (fsrs-rs), started by the service.
          'optimizer-worker': resolve(import.meta.dirname, 'src/main/optimizer/fit-child.ts'),
          // The child process that reads a file to import (unzip, SQLite, parsing), started by the service.
          'import-worker': resolve(import.meta.dirname, 'src/main/import/read-child.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // The sandboxed preload can require nothing but 'electron': bundle everything else in.
      externalizeDeps: { exclude: ['zod'] },
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // Smaller scripts parse sooner: the first screen waits for its script.
      minify: true,
      rolldownOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
  },
});
