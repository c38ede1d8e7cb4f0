import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.config';
import { writeSchemaFiles } from './scripts/schema-files';

/**
 * Content scripts registered at run time (chrome.scripting) must be classic scripts that run at
 * once: an ES-module loader would start late and miss the first vendor messages. So each is
 * bundled on its own into one IIFE file with no imports.
 */
export const CONTENT_SCRIPTS = {
  'content/bridge.js': 'src/content/bridge.ts',
  'content/rescue-main.js': 'src/content/rescue-main.ts',
} as const;

function classicContentScripts(): Plugin {
  return {
    name: 'classic-content-scripts',
    async generateBundle() {
      for (const [fileName, entry] of Object.entries(CONTENT_SCRIPTS)) {
        const result = await esbuild({
          entryPoints: [entry],
          bundle: true,
          format: 'iife',
          target: 'chrome116',
          write: false,
          legalComments: 'none',
          minify: true,
        });
        const output = result.outputFiles[0];
        if (!output) throw new Error(`No output for ${entry}`);
        this.emitFile({ type: 'asset', fileName, source: output.text });
      }
    },
  };
}

/**
 * The managed schema Chrome reads (public/managed_schema.json) and the editor schema
 * (docs/config.schema.json) are generated from the zod schema before every build, so the extension
 * never ships a policy schema older than its own validation. The unit test catches an uncommitted one.
 */
function configSchemas(): Plugin {
  return {
    name: 'config-schemas',
    buildStart() {
      for (const path of writeSchemaFiles(fileURLToPath(new URL('.', import.meta.url)))) this.info(`regenerated ${path}`);
    },
  };
}

export default defineConfig({
  plugins: [configSchemas(), preact(), crx({ manifest }), classicContentScripts()],
  build: {
    target: 'chrome116',
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    // Pages the manifest does not name, which crxjs would not build: the clipboard's offscreen document.
    rollupOptions: { input: { offscreen: 'src/offscreen/index.html', lookup: 'src/lookup/index.html' } },
  },
});
