// A scan's removal from the scanner's folder after import: a kill mid-wipe never leaves a zeroed file under the scan's name.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPageFiles, purgeImported, removeImported, wipingPrefix } from '../../electron/core/scanner/scan-folder';

describe('removing an imported scan', () => {
  it('leaves neither the scan nor a hidden copy once done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-wipe-'));
    writeFileSync(join(dir, 'scan_0001.jpg'), Buffer.alloc(4096, 7));
    expect(await removeImported(dir, 'scan_0001.jpg')).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    expect(await removeImported(dir, 'scan_0001.jpg')).toBe(false);
  });

  it('a wipe cut short by a crash is hidden from the importer and finished at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-wipe-'));
    // what a kill between the rename and the unlink leaves: a half-zeroed file under the hidden name
    const half = Buffer.alloc(8192, 9);
    half.fill(0, 0, 4096);
    writeFileSync(join(dir, `${wipingPrefix}scan_0013.jpg`), half);
    writeFileSync(join(dir, 'scan_0014.jpg'), Buffer.alloc(100, 1));
    expect((await listPageFiles(dir)).map((f) => f.name)).toEqual(['scan_0014.jpg']);
    await purgeImported(dir);
    expect(readdirSync(dir)).toEqual(['scan_0014.jpg']);
  });
});
