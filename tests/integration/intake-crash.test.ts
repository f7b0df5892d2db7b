// Crash test: intake writes killed with SIGKILL at random moments; nothing acknowledged is lost, blobs and rows agree.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../db/client';
import { silentLogger } from '../../electron/core/logger';
import { createBlobStore } from '../../electron/core/storage/blob-store';
import { checkStorageIntegrity } from '../../electron/core/storage/integrity';
import { bundleChild, type ChildBundle } from '../support/child-bundle';
import { openDataDirDatabase } from '../support/encrypted-data';

const repo = resolve(import.meta.dirname, '../..');
const ROUNDS = 22;
const dataDir = mkdtempSync(join(tmpdir(), 'dvc-crash-'));
// the writer is bundled once and started with plain node: 22 tsx starts were most of this file's time
let writer: ChildBundle;

type Acks = { dossiers: Set<string>; drafts: Map<string, string>; pages: Map<string, string> };

/**
 * Runs the writer and kills it `delayMs` after its `killAfterAcks`-th acknowledged write (0: after it is ready). Counting
 * writes rather than milliseconds makes every round do the same work on a fast or a loaded machine (a time-only kill
 * left 19 pages over 22 rounds on a loaded CI run); the delay lands the kill inside the next write.
 */
function runAndKill(acks: Acks, killAfterAcks: number, delayMs: number): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [writer.file, dataDir, join(repo, 'resources')], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let ready = false;
    let seen = 0;
    let killing = false;
    const killSoon = () => {
      if (killing) return;
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const [tag, kind, a, ...rest] = line.split(' ');
        if (tag !== 'ACK') continue;
        if (kind === 'ready' && !ready) {
          ready = true;
          if (killAfterAcks === 0) killSoon();
          continue;
        }
        if (kind === 'dossier' && a) acks.dossiers.add(a);
        else if (kind === 'draft' && a) acks.drafts.set(a, rest.join(' '));
        else if (kind === 'page' && a && rest[0]) acks.pages.set(rest[0], a);
        else continue;
        if (++seen === killAfterAcks) killSoon();
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolveRun();
      else reject(new Error(`writer exited ${String(code)} before the kill: ${stderr}`));
    });
  });
}

beforeAll(async () => {
  writer = await bundleChild(join(repo, 'tests/support/intake-writer.ts'));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  writer.remove();
});

describe('intake survives SIGKILL', () => {
  it(`keeps every acknowledged write over ${ROUNDS} kills`, async () => {
    const acks: Acks = { dossiers: new Set(), drafts: new Map(), pages: new Map() };
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // the writer acknowledges a dossier, its draft, then its page, over and over: a round killed after its n-th write
    // has acknowledged at least floor(n / 3) pages
    let leastPages = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const killAfterAcks = Math.floor(random() * 9);
      leastPages += Math.floor(killAfterAcks / 3);
      await runAndKill(acks, killAfterAcks, Math.floor(random() * 60));
      const db = openDataDirDatabase(dataDir);
      try {
        expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
        const dossierIds = new Set((db.$client.prepare('SELECT id FROM dossiers').all() as { id: string }[]).map((r) => r.id));
        for (const id of acks.dossiers) expect(dossierIds.has(id), `dossier ${id} acknowledged but lost`).toBe(true);
        for (const [id, name] of acks.drafts) {
          const row = db.$client.prepare('SELECT applicant FROM dossiers WHERE id = ?').get(id) as { applicant: string };
          expect((JSON.parse(row.applicant) as { fullName?: string }).fullName, `draft of ${id}`).toBe(name);
        }
        const pageIds = new Set((db.$client.prepare('SELECT id FROM pages').all() as { id: string }[]).map((r) => r.id));
        for (const id of acks.pages.keys()) expect(pageIds.has(id), `page ${id} acknowledged but lost`).toBe(true);
        // what a restart does: clean up, then files and rows must match exactly
        const blobs = createBlobStore(join(dataDir, 'blobs'));
        const report = await checkStorageIntegrity(db, blobs, join(dataDir, 'blobs'), silentLogger);
        expect(report.missingFiles).toEqual([]);
        const rows = (db.$client.prepare('SELECT sha256 FROM blobs').all() as { sha256: string }[]).map((r) => r.sha256).sort();
        expect((await blobs.list()).sort()).toEqual(rows);
        const pageBlobs = db.$client.prepare('SELECT count(*) AS n FROM pages WHERE blob_sha256 NOT IN (SELECT sha256 FROM blobs)').get() as { n: number };
        expect(pageBlobs.n).toBe(0);
      } finally {
        closeDatabase(db);
      }
    }
    console.log(`crash test: ${ROUNDS} kills, ${acks.dossiers.size} dossiers and ${acks.pages.size} pages acknowledged, none lost`);
    expect(leastPages).toBeGreaterThan(ROUNDS / 2);
    expect(acks.pages.size).toBeGreaterThanOrEqual(leastPages);
  });
});
