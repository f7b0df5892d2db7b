// Vite build of the renderer: root renderer/, relative base so it loads from file:// (Electron) and the web host.
// Paths are relative to the repository root, where `npm run build:renderer` runs.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // the polyfill would be injected as extra code; Chromium supports modulepreload natively
    modulePreload: { polyfill: false },
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: { port: 5174, strictPort: true },
});
