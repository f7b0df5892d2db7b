// Upgrades keep data: a data folder made by each earlier release (tests/fixtures/releases) opens with today's code.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DossierDetail, DossierListItem } from '../../electron/common/contract';
import { readTar } from '../../electron/core/catalog/tar-reader';
import { PRE_MIGRATION_DIR } from '../../db/pre-migration-copy';
import { repoRoot, startHarness } from '../support/core-harness';

type Expected = {
  migrations: number;
  counts: Record<string, number>;
  dossiers: { id: string; localCode: string; status: string }[];
  pages: { id: string; dossierId: string; sha256: string }[];
  jobs: { kind: string; state: string }[];
  /** releases with the access log: one citizen's rows, found by ID number (digests keyed since 0012: issue 11) */
  idLookups?: { idNumber: string; accessRows: number };
};

const fixtures = join(repoRoot, 'tests', 'fixtures', 'releases');
const work = mkdtempSync(join(tmpdir(), 'dvc-migrations-'));
const journal = JSON.parse(readFileSync(join(repoRoot, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
/** rows the user made; the catalog, settings and audit tables are rewritten or added to by an upgrade itself */
const USER_TABLES = ['users', 'dossiers', 'pages', 'blobs', 'status_events', 'outbox', 'day_closures', 'day_closure_lines', 'contact_attempts', 'uploads'];

function unpack(name: string): string {
  const dir = join(work, name);
  for (const entry of readTar(readFileSync(join(fixtures, `${name}.tar.gz`)))) {
    const path = join(dir, entry.name.replace(/^\.\//, ''));
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, entry.data, { mode: 0o600 });
  }
  return dir;
}

const names = readdirSync(fixtures)
  .filter((n) => /^schema-\d{4}\.tar\.gz$/.test(n))
  .map((n) => n.replace('.tar.gz', ''))
  .sort();

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('data made by every earlier release opens with the current code', () => {
  it('has a fixture for every schema version before the current one', () => {
    const versions = names.map((n) => Number(n.slice(7)));
    for (let v = 0; v < journal.entries.length - 1; v++) expect(versions).toContain(v);
  });

  for (const name of names) {
    it(name, async () => {
      const expected = JSON.parse(readFileSync(join(fixtures, `${name}.expected.json`), 'utf8')) as Expected;
      const dataDir = unpack(name);
      const h = await startHarness({ dataDir, ocr: false });
      try {
        const sqlite = h.core.db.$client;
        const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
        // migrated to the end, intact, nothing dangling
        expect(count('__drizzle_migrations')).toBe(journal.entries.length);
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(sqlite.pragma('foreign_key_check')).toEqual([]);
        if (expected.migrations < journal.entries.length) expect(readdirSync(join(dataDir, PRE_MIGRATION_DIR))).toHaveLength(1);
        for (const table of USER_TABLES.filter((t) => t in expected.counts)) expect(count(table), table).toBe(expected.counts[table]);
        expect(count('audit_log')).toBeGreaterThanOrEqual(expected.counts.audit_log ?? 0);
        const jobs = sqlite.prepare('SELECT kind, state FROM jobs ORDER BY id').all();
        expect(jobs).toHaveLength(expected.jobs.length);

        // the digests of ID numbers an older release wrote are found by the same number (before this test views anything)
        if (expected.idLookups) {
          const sup = (await h.call<{ token: string }>('auth.login', null, { username: 'ts.mai', password: 'kiemsoat01' })).token;
          const found = await h.call<{ total: number }>('accessLog.list', sup, { idNumber: expected.idLookups.idNumber });
          expect(found.total).toBe(expected.idLookups.accessRows);
        }

        // the people of that release sign in and find their work as it was
        const agent = (await h.call<{ token: string }>('auth.login', null, { username: 'nv.lan', password: 'tiepnhan01' })).token;
        const listed = await h.call<{ items: DossierListItem[] }>('dossiers.list', agent, { limit: 50 });
        expect(listed.items.map((d) => [d.localCode, d.status]).sort()).toEqual(expected.dossiers.map((d) => [d.localCode, d.status]).sort());
        for (const d of expected.dossiers) {
          const detail = await h.call<DossierDetail>('dossiers.get', agent, { id: d.id });
          const pages = detail.components.flatMap((c) => c.pages);
          expect(pages.map((p) => p.id).sort()).toEqual(expected.pages.filter((p) => p.dossierId === d.id).map((p) => p.id).sort());
        }
        // every scan still opens, byte for byte what was stored (now sealed under this PC's key)
        for (const p of expected.pages) {
          const image = await h.call<{ bytes: Uint8Array }>('pages.image', agent, { pageId: p.id, variant: 'full' });
          expect(createHash('sha256').update(image.bytes).digest('hex')).toBe(p.sha256);
        }
        expect(existsSync(join(dataDir, 'encryption.json'))).toBe(true);

        // and the app works on it: a receipt, the closed day's report, the audit chain, a new dossier with a new code
        const admin = (await h.call<{ token: string }>('auth.login', null, { username: 'admin', password: 'quantri2026' })).token;
        const sent = expected.dossiers.find((d) => d.status !== 'draft');
        if (sent) {
          const receipt = await h.call<{ bytes: Uint8Array }>('documents.receipt', agent, { dossierId: sent.id });
          expect(Buffer.from(receipt.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
        }
        if ((expected.counts.day_closures ?? 0) > 0) {
          const report = await h.call<{ closedAt: number | null }>('reports.dayReport', admin, { date: '2026-11-19' });
          expect(report.closedAt).not.toBeNull();
        }
        expect(await h.call('audit.verify', admin, {})).toMatchObject({ ok: true });
        const fresh = await h.call<DossierDetail>('dossiers.create', agent, { procedureCode: '1.012789' });
        expect(fresh.localCode).toMatch(/^DL001-01-\d{6}-\d{4}$/);
      } finally {
        await h.close();
      }
    });
  }
});
