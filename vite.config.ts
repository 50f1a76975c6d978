import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { ChunkingContext } from 'rolldown';
import { defineConfig, type Plugin } from 'vite';

/**
 * The entry (`main.tsx`, the bridge and the styles) is small and starts the first screen's calls;
 * React and the wizard come as one chunk it imports dynamically. Without a hint the browser would
 * only ask for that chunk once the entry has run, so each chunk the entry imports dynamically gets
 * a `preload` link: fetched alongside the entry, compiled when imported. (Not `modulepreload`:
 * Chromium then parses the big chunk before running the entry, which delays the calls.)
 */
function preloadDynamicImports(): Plugin {
  return {
    name: 'wizard:preload-dynamic-imports',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        const entry = bundle
          ? Object.values(bundle).find((item) => item.type === 'chunk' && item.isEntry)
          : undefined;
        if (!bundle || entry?.type !== 'chunk') return html;
        // Every chunk behind the entry's dynamic imports, except what the entry loads anyway.
        const statics = new Set<string>([entry.fileName, ...entry.imports]);
        const lazy = new Set<string>();
        const visit = (fileName: string): void => {
          if (statics.has(fileName) || lazy.has(fileName)) return;
          const chunk = bundle[fileName];
          if (chunk?.type !== 'chunk') return;
          lazy.add(fileName);
          chunk.imports.forEach(visit);
        };
        entry.dynamicImports.forEach(visit);
        // Vite links them (and the entry itself) as modulepreload: swap in plain preloads and drop
        // the entry's own link, it has its script tag.
        let out = html.replace(
          /\s*<link rel="modulepreload" crossorigin href="\.\/([^"]+)">/g,
          (tag, file: string) =>
            file === entry.fileName
              ? ''
              : lazy.delete(file)
                ? tag.replace('rel="modulepreload"', 'rel="preload" as="script"')
                : tag,
        );
        const missing = [...lazy].map(
          (file) => `<link rel="preload" as="script" crossorigin href="./${file}">`,
        );
        if (missing.length) out = out.replace('</head>', `  ${missing.join('\n    ')}\n  </head>`);
        return out;
      },
    },
  };
}

const ENTRY_FILES = ['index.html', 'src/main.tsx'].map((file) =>
  path.join(import.meta.dirname, 'renderer', file),
);

/**
 * The entry and everything it imports statically stay in the entry chunk; all else (React, the
 * store, the screens: what the entry imports dynamically) goes in one `wizard` chunk.
 */
function wizardChunkName(): (id: string, ctx: ChunkingContext) => string | null {
  let entrySide: Set<string> | null = null;
  return (id, ctx) => {
    if (!entrySide) {
      entrySide = new Set<string>();
      const queue = [...ENTRY_FILES];
      for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
        if (entrySide.has(next)) continue;
        entrySide.add(next);
        queue.push(...(ctx.getModuleInfo(next)?.importedIds ?? []));
      }
    }
    return entrySide.has(id) ? null : 'wizard';
  };
}

// The renderer is served from app:// in Electron and from the loopback server in browser mode:
// relative asset URLs work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadDynamicImports()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // Illustrations as files (img-src 'self'), not base64 strings the first screen parses with
    // the JavaScript although it never shows them.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            {
              name: wizardChunkName(),
              debugName: 'wizard',
            },
          ],
        },
      },
    },
  },
  logLevel: 'warn',
});
