import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { canaries, type Canary } from '../support/canary';
import { runCanaryFlow } from '../support/canary-flow';
it('one', async () => {
  const root = mkdtempSync(join(tmpdir(), 'dvc-canary-dbg-'));
  const dirs = { dataDir: join(root, 'data'), tmpDir: join(root, 'tmp'), logDir: join(root, 'logs'), portalDir: join(root, 'portal') };
  for (const d of [dirs.tmpDir, dirs.logDir, dirs.portalDir]) mkdirSync(d, { recursive: true });
  console.log(root);
  await runCanaryFlow(canaries[1] as Canary, dirs);
}, 300000);
