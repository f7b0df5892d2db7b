// Bundles a test child script and the app code it imports once (esbuild), so each spawn is a plain `node` start, not tsx.
// Why: under tsx every child start resolves and loads ~300 TypeScript modules through the loader hooks (about 3 s of
// CPU each, measured on the intake crash writer); crash tests start their child 20+ times per file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const repoRoot = resolve(import.meta.dirname, '../..');

/**
 * Each module keeps its own `import.meta.url` / `dirname` (db/client.ts finds its migrations beside itself,
 * tessdata.ts and pdf-render.ts resolve packages from there), exactly as when tsx loads the file where it is.
 */
const keepModuleLocation: Plugin = {
  name: 'keep-module-location',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = readFileSync(args.path, 'utf8')
        .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href))
        .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(args.path)))
        .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path));
      return { contents: source, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

export type ChildBundle = { file: string; remove(): void };

/** `entry` (a .ts path) bundled to an .mjs inside node_modules/.cache, where Node resolves the external packages. */
export async function bundleChild(entry: string): Promise<ChildBundle> {
  const parent = join(repoRoot, 'node_modules', '.cache', 'dvc-test-children');
  mkdirSync(parent, { recursive: true });
  // one folder per caller: test files running in parallel may bundle the same child at once
  const dir = mkdtempSync(join(parent, `${basename(entry, '.ts')}-`));
  const file = join(dir, 'child.mjs');
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // packages stay in node_modules, loaded by Node as under tsx (bundling them saved little more and changes how they load)
    packages: 'external',
    logLevel: 'error',
    plugins: [keepModuleLocation],
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
