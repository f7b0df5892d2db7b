// The packaged app closes the doors a desktop attacker uses on Electron apps: DevTools, running the binary as plain
// Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS and --inspect, and app code swapped outside a verified app.asar.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/core-harness';

type BuilderConfig = {
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
  extraResources?: { from: string; to: string }[];
};

// the YAML reader electron-builder itself uses (a dependency of app-builder-lib), so the file is read as it will be
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };
const config = load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('packaged builds', () => {
  it('flips the Electron fuses in the packaging step', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // the fuses are only flipped inside an asar package
    expect(config.asar ?? true).toBe(true);
  });

  it('uses fuse names the installed electron-builder knows (a misspelt one would be refused or ignored)', () => {
    const scheme = JSON.parse(readFileSync(join(repoRoot, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(Object.keys(config.electronFuses ?? {}).filter((k) => !known.includes(k))).toEqual([]);
  });

  it('turns DevTools off in the packaged app window', () => {
    const main = readFileSync(join(repoRoot, 'electron/main/index.ts'), 'utf8');
    expect(main).toMatch(/devTools:\s*!app\.isPackaged/);
  });

  it('ships the common-password list the password rule reads', () => {
    expect(config.extraResources?.some((r) => r.from === 'resources/passwords' && r.to === 'resources/passwords')).toBe(true);
  });
});
