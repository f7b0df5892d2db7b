// Packaging: every native module, wasm and data file the app reads by path is outside app.asar (asarUnpack) or shipped
// beside it (extraResources), so the installed app finds it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/core-harness';

type BuilderConfig = { asarUnpack: string[]; extraResources: { from: string; to: string }[] };
// js-yaml comes with electron-builder (the parser it reads this file with); it ships no types
const { load } = createRequire(import.meta.url)('js-yaml') as { load(this: void, text: string): unknown };
const config = load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

type Pkg = { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
const readPkg = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Pkg;

/** A dependency as Node would find it from `from`: the nearest node_modules/<name> going up to the repository. */
function resolveDep(from: string, name: string): string | null {
  for (let dir = from; dir.startsWith(repoRoot); dir = join(dir, '..')) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === repoRoot) break;
  }
  return null;
}

/** Every package the installed app carries: the production dependencies and theirs (what electron-builder packs). */
function productionPackages(): string[] {
  const seen = new Set<string>();
  const visit = (dir: string) => {
    const pkg = readPkg(dir);
    for (const name of [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]) {
      const found = resolveDep(dir, name);
      if (found && !seen.has(found)) {
        seen.add(found);
        visit(found);
      }
    }
  };
  visit(repoRoot);
  return [...seen];
}

const RUNTIME_FILE = /\.(node|wasm|traineddata(\.gz)?|bcmap|pfb|ttf|otf|icc)$/;

function runtimeFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue; // nested packages are visited as packages of their own
    const path = join(dir, entry.name);
    if (entry.isDirectory()) runtimeFiles(path, out);
    else if (RUNTIME_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

const unpacked = (path: string) => config.asarUnpack.some((pattern) => minimatch(path, pattern, { dot: true }));
const shippedBeside = (path: string) => config.extraResources.some((r) => path === r.from || path.startsWith(`${r.from}/`));

/** Files the app never opens: the "fast" Vietnamese model; the app ships 4.0.0_best_int as resources/tessdata. */
const NOT_READ = ['node_modules/@tesseract.js-data/vie/4.0.0/'];

describe('electron-builder.yml', () => {
  it('unpacks every native module, wasm and data file of the production dependencies, or ships it beside the asar', () => {
    const files = productionPackages()
      .flatMap((dir) => runtimeFiles(dir))
      .map((f) => relative(repoRoot, f))
      .filter((f) => !NOT_READ.some((prefix) => f.startsWith(prefix)));
    // the ones this test is about are really there (the scan is not looking at nothing)
    expect(files).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm',
        expect.stringMatching(/^node_modules\/@img\/sharp-[\w-]+\/lib\/sharp-.+\.node$/),
        expect.stringMatching(/^node_modules\/pdfjs-dist\/wasm\/.+\.wasm$/),
      ]),
    );
    expect(files.filter((f) => !unpacked(f) && !shippedBeside(f))).toEqual([]);
  });

  it("ships every folder of resources/ the code opens by path, and the migrations where paths.ts looks", () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts')) sources.push(readFileSync(join(dir, e.name), 'utf8'));
      }
    };
    walk(join(repoRoot, 'electron'));
    const opened = new Set<string>();
    for (const text of sources) {
      for (const m of text.matchAll(/join\(\s*(?:opts\.|options\.|deps\.)?resourcesDir\s*,\s*'([^']+)'/g)) if (m[1]) opened.add(m[1]);
    }
    expect([...opened]).toEqual(expect.arrayContaining(['catalog', 'fonts', 'forms', 'tessdata']));
    const shipped = new Set(config.extraResources.filter((r) => r.to.startsWith('resources/')).map((r) => r.to.slice('resources/'.length)));
    expect([...opened].filter((dir) => !shipped.has(dir))).toEqual([]);
    for (const r of config.extraResources) expect(existsSync(join(repoRoot, r.from)), r.from).toBe(true);
    expect(config.extraResources).toContainEqual({ from: 'db/migrations', to: 'migrations' });
    expect(statSync(join(repoRoot, 'db', 'migrations', 'meta', '_journal.json')).isFile()).toBe(true);
  });
});
