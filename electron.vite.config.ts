// Builds the four outputs: Electron main + Node entry points, the CommonJS preload, and the React renderer.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The window's code (React, Home) is a chunk the 4 kB entry imports once it has asked for the first
 * screen's data. Named in the page as module preloads, that chunk and the chunks it imports are
 * fetched while the page is still parsed, instead of one round trip after the entry has run.
 */
function preloadWindowCode(entry: string): Plugin {
  return {
    name: 'interleave:preload-window-code',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const start = chunks.find((chunk) => chunk.facadeModuleId?.replaceAll('\\', '/').endsWith(entry));
        if (!start) throw new Error(`preloadWindowCode: no chunk for ${entry}`);
        const files = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = chunks.find((candidate) => candidate.fileName === fileName);
          // The entry is the page's own script already.
          if (files.has(fileName) || !chunk || chunk.isEntry) return;
          files.add(fileName);
          for (const imported of chunk.imports) visit(imported);
        };
        visit(start.fileName);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

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
    plugins: [react(), preloadWindowCode('/src/renderer/app/start.tsx')],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // Smaller scripts parse sooner: the first screen waits for its script.
      minify: true,
      rolldownOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
  },
});
