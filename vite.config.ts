import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.config';

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  build: {
    target: 'chrome116',
    emptyOutDir: true,
    sourcemap: false,
    minify: false,
  },
  server: { port: 5173, strictPort: true },
});
