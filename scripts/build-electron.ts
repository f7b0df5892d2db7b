// Bundles the Electron main process, its worker threads and preload to CommonJS with esbuild (node_modules stay external).
import { build } from 'esbuild';
import { callNames, eventNames } from '../electron/common/contract';

const shared = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node22',
  sourcemap: true,
  packages: 'external' as const,
  logLevel: 'info' as const,
  // import.meta.url has no meaning in CommonJS: give modules that use it their file URL
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await build({ ...shared, entryPoints: ['electron/main/index.ts'], outfile: 'dist-electron/main/index.cjs', external: ['electron'] });
// worker thread entries (DESIGN §2 workers/): the main process starts them from dist-electron/workers
await build({ ...shared, entryPoints: ['electron/workers/preprocess-worker.ts'], outfile: 'dist-electron/workers/preprocess-worker.cjs' });
await build({ ...shared, entryPoints: ['electron/workers/inspect-worker.ts'], outfile: 'dist-electron/workers/inspect-worker.cjs' });
// a sandboxed preload may only require('electron'); the allow-lists are baked in from the contract so the
// preload stays a few KB instead of carrying zod and every schema
await build({
  ...shared,
  packages: undefined,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist-electron/preload/index.cjs',
  external: ['electron'],
  define: { ...shared.define, __CALL_NAMES__: JSON.stringify(callNames), __EVENT_NAMES__: JSON.stringify(eventNames) },
});
