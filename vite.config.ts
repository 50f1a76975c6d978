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
        // Their styles (each screen imports its own CSS) as stylesheets in the head, like the
        // entry's: the first screen paints styled, and Vite's loader finds them already there.
        const styles = [...lazy].flatMap((file) => {
          const chunk = bundle[file];
          return chunk?.type === 'chunk' ? [...(chunk.viteMetadata?.importedCss ?? [])] : [];
        });
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
        const missing = [
          ...styles.map((file) => `<link rel="stylesheet" crossorigin href="./${file}">`),
          ...[...lazy].map(
            (file) => `<link rel="preload" as="script" crossorigin href="./${file}">`,
          ),
        ];
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
 * The entry and everything it imports statically stay in the entry chunk; what the entry imports
 * dynamically (React, the store, the first screens) and everything that imports statically goes
 * in one `wizard` chunk. The screens a cold start never shows, which the wizard imports lazily
 * (`React.lazy` in app.tsx), are left to the default split: a chunk each, loaded when needed.
 */
function wizardChunkName(): (id: string, ctx: ChunkingContext) => string | null {
  let wizardSide: Set<string> | null = null;
  /** `start` and every module it reaches through static imports, except `stop`'s. */
  const staticClosure = (
    start: readonly string[],
    ctx: ChunkingContext,
    stop: ReadonlySet<string> = new Set(),
  ): Set<string> => {
    const seen = new Set<string>();
    const queue = [...start];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (seen.has(next) || stop.has(next)) continue;
      seen.add(next);
      queue.push(...(ctx.getModuleInfo(next)?.importedIds ?? []));
    }
    return seen;
  };
  return (id, ctx) => {
    if (!wizardSide) {
      const entrySide = staticClosure(ENTRY_FILES, ctx);
      const wizardRoots = [...entrySide].flatMap(
        (module) => ctx.getModuleInfo(module)?.dynamicallyImportedIds ?? [],
      );
      wizardSide = staticClosure(wizardRoots, ctx, entrySide);
    }
    return wizardSide.has(id) ? 'wizard' : null;
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
