// The whole national dataset (5,652 records): parse report, one-transaction import, search speed, CLI, shipped default.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { users } from '../../db/schema';
import { readCatalogFile } from '../../electron/core/catalog/catalog-file';
import { createCatalogService, type CatalogService } from '../../electron/core/catalog/catalog-service';
import { importCatalog } from '../../electron/core/catalog/import-catalog';
import {
  defaultCatalogVersion,
  formatReportSummary,
  parseRecordSource,
  type ParsedSource,
} from '../../electron/core/catalog/import-report';
import { unsureKinds } from '../../electron/core/catalog/parse-components';

const root = join(__dirname, '..', '..');
// CI checks the repository out with shared/ beside it, as on the development machines
const archive = join(root, '..', 'shared', 'datasets', 'tthc-national-5652.tar.gz');
const shippedCatalog = join(root, 'resources', 'catalog', 'national.json.gz');

let dir: string;
let db: Db;
let parsed: ParsedSource;
let catalog: CatalogService;
let importMs = 0;

beforeAll(() => {
  expect(existsSync(archive), `dataset expected at ${archive}`).toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'catalog-import-'));
  const started = performance.now();
  parsed = parseRecordSource(archive);
  console.log(
    `parsed ${parsed.report.total} records in ${(performance.now() - started).toFixed(0)} ms\n${formatReportSummary(parsed.report)}`,
  );
  db = openDatabase(join(dir, 'catalog.sqlite'));
  const t0 = performance.now();
  importCatalog(db, parsed.procedures, {
    source: 'national',
    catalogVersion: defaultCatalogVersion(parsed.report),
  });
  importMs = performance.now() - t0;
  console.log(
    `imported ${parsed.procedures.length} procedures in one transaction: ${importMs.toFixed(0)} ms`,
  );
  db.insert(users)
    .values({
      id: 'agent-1',
      username: 'agent1',
      fullName: 'Trần Thị Bình',
      role: 'agent',
      passwordHash: 'x',
      createdAt: 0,
    })
    .run();
  catalog = createCatalogService({ db, clock: { now: () => Date.parse('2026-03-02T02:00:00Z') } });
});

afterAll(() => {
  if (db) closeDatabase(db);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const countOf = (table: string): number =>
  (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the national dataset', () => {
  it('stores every one of the 5,652 records, and reports each problem kind with its record count', () => {
    const { report } = parsed;
    expect(report).toMatchObject({ total: 5652, stored: 5652, skipped: 0 });
    expect(countOf('procedures')).toBe(5652);
    const kinds = Object.fromEntries(report.kinds.map((k) => [k.kind, k.records]));
    // every problem line names a record and a kind that the summary counts
    expect(new Set(report.problems.map((p) => p.kind))).toEqual(new Set(Object.keys(kinds)));
    expect(report.recordsWithProblems).toBe(new Set(report.problems.map((p) => p.code)).size);
    // what the survey of the dataset found: 104 records without components, 3 odd codes (e.g. "1.014955-Xoa")
    expect(kinds.no_components).toBe(104);
    expect(kinds.code_unusual).toBe(3);
    expect(kinds.no_modes).toBeUndefined();
  });

  it('reads a deadline with its unit for most filing modes, and every document count', () => {
    const modes = parsed.procedures.flatMap((p) => p.modes);
    const documents = parsed.procedures.flatMap((p) => [...p.documents, ...p.cases.flatMap((c) => c.documents)]);
    const withUnit = modes.filter((m) => m.deadlineValue !== null && m.deadlineUnit !== 'other').length;
    const withFee = modes.filter((m) => m.fee?.basis !== 'unknown').length;
    console.log(
      `modes ${modes.length}: deadline with unit ${withUnit}, fee known ${withFee}; documents ${documents.length}`,
    );
    expect(countOf('procedure_modes')).toBe(modes.length);
    expect(countOf('procedure_components')).toBe(documents.length);
    expect(withUnit / modes.length).toBeGreaterThan(0.88);
    expect(documents.every((d) => d.originals !== null && d.copies !== null)).toBe(true);
    // v1 counted ~300 "show" components, most of them guidance under "Giấy tờ phải xuất trình": now notes
    expect(documents.filter((d) => d.kind === 'show').length).toBeGreaterThan(150);
    // every mode has a rule, and a known amount only where the record states one
    expect(modes.every((m) => m.fee !== undefined && (m.fee.basis === 'unknown') === (m.feeVnd === null && m.fee.basis !== 'per_unit'))).toBe(true);
  });

  it('separates cases and notes from the documents, and counts them in the report', () => {
    const { structure } = parsed.report;
    console.log(JSON.stringify(structure));
    // the survey in issue 9: 1,235 records group their documents under [ … ] headers (3,183 headers)
    expect(structure).toMatchObject({ recordsWithHeaders: 1235, headers: 3183 });
    const byType = structure.headersByType;
    expect(Object.values(byType).reduce((a, b) => a + b, 0)).toBe(3183);
    expect(structure.recordsWithCases).toBeGreaterThan(700);
    expect(structure.cases).toBe(byType.case);
    expect(structure.notes).toBeGreaterThan(1000);
    expect(structure.conditionalDocuments).toBeGreaterThan(4000);
    expect(countOf('procedure_cases')).toBe(structure.cases);
    expect(countOf('procedure_notes')).toBe(structure.notes);
    // every unsure record is listed with its reason
    const unsure = new Set(
      parsed.report.problems.filter((p) => (unsureKinds as readonly string[]).includes(p.kind)).map((p) => p.code),
    );
    expect(unsure.size).toBe(structure.unsureRecords);
    expect(unsure).toContain('1.004222');
    expect(unsure).toContain('1.001193');
    expect(formatReportSummary(parsed.report)).toContain(`Tổng số trường hợp: ${structure.cases}`);
  });

  it('keeps the details of real records as the portal shows them', () => {
    const railway = catalog.get('1.000017');
    expect(railway.modes.map((m) => [m.mode, m.deadlineValue, m.deadlineUnit, m.feeVnd])).toEqual([
      ['online', 1, 'working_day', 50000],
      ['postal', 1, 'working_day', 50000],
      ['direct', 1, 'working_day', 50000],
    ]);
    expect(railway.documents.map((d) => [d.kind, d.name, d.originals, d.copies, d.requirement])).toEqual([
      ['submit', 'Bản chính hoặc bản điện tử Đơn đề nghị cấp lại Giấy chứng nhận theo mẫu quy định', 1, 0, 'required'],
    ]);
    const birth = catalog.get('1.001193');
    expect(birth).toMatchObject({
      name: 'Thủ tục đăng ký khai sinh',
      level: 'Cấp Xã',
      field: 'Hộ tịch',
      decisionNo: '163/QĐ-BTP',
    });
    expect(birth.modes.every((m) => m.feeVnd === 0)).toBe(true);
    const requirement = (kind: string, start: string) =>
      birth.documents.find((d) => d.kind === kind && d.name.startsWith(start))?.requirement;
    expect(requirement('submit', 'Giấy chứng sinh;')).toBe('required');
    expect(requirement('show', 'Hộ chiếu/Thẻ căn cước công dân')).toBe('required');
    expect(requirement('submit', 'Văn bản ủy quyền')).toBe('conditional');
  });

  it('imports in one pass, and importing again replaces rather than duplicates', () => {
    // the import time is printed above (a couple of seconds idle); only a pathological slowdown fails here
    expect(importMs).toBeLessThan(120_000);
    const modes = countOf('procedure_modes');
    importCatalog(db, parsed.procedures, { source: 'national', catalogVersion: 'again' });
    expect(countOf('procedures')).toBe(5652);
    expect(countOf('procedure_modes')).toBe(modes);
  });
});

describe('search over the full catalog', () => {
  const examples = [
    'đăng ký khai sinh',
    'dang ky khai sinh',
    'Đăng ký KHAI SINH',
    '1.001193',
    '1.00119',
    'thu tuc dang ky ket hon',
    'd',
  ];

  it('finds "Thủ tục đăng ký khai sinh" first from every spelling and from its code', () => {
    for (const query of examples.slice(0, 5)) {
      const [first] = catalog.search(query, { userId: 'agent-1', limit: 30 });
      expect(first?.name, query).toBe('Thủ tục đăng ký khai sinh');
    }
  });

  it('answers without a pathological slowdown (the speed figure itself is printed, not asserted)', () => {
    for (const query of examples) {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        catalog.search(query, { userId: 'agent-1', limit: 30 });
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const median = times[3] ?? Infinity;
      console.log(
        `search ${JSON.stringify(query)}: median ${median.toFixed(1)} ms, max ${(times[6] ?? 0).toFixed(1)} ms`,
      );
      // catches a full scan per keystroke (seconds), never the machine's load: medians are ~10-30 ms idle, ~120 ms
      // with eight processes on two cores; the speed aim (100 ms) is read from the printed medians, not from CI
      expect(median, query).toBeLessThan(1000);
    }
  });
});

describe('the command line and the shipped default catalog', () => {
  it('prints the same report from `npm run catalog:import -- PATH` and writes the report file', () => {
    const report = join(dir, 'report.txt');
    const cliDb = join(dir, 'cli.sqlite');
    const out = execFileSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['scripts/catalog-import.ts', archive, '--db', cliDb, '--report', report],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(out).toContain(formatReportSummary(parsed.report));
    expect(out).toContain('Đã lưu 5652 thủ tục');
    const lines = readFileSync(report, 'utf8').split('\n');
    expect(lines.filter((line) => /^\S+\t\S+\t[a-z_]+\t/.test(line))).toHaveLength(
      parsed.report.problems.length,
    );
  });

  it('ships resources/catalog/national.json.gz built from this dataset by the current parser, and loads it on a fresh install', async () => {
    const shipped = await readCatalogFile(shippedCatalog);
    expect(shipped.catalogVersion).toBe(defaultCatalogVersion(parsed.report));
    expect(shipped.procedures.map(({ source: _s, active: _a, ...p }) => p)).toEqual(parsed.procedures);

    const fresh = openDatabase(join(dir, 'fresh.sqlite'));
    try {
      const service = createCatalogService({ db: fresh, clock: { now: () => 0 } });
      const t0 = performance.now();
      const result = await service.ensureDefaultCatalog(shippedCatalog);
      console.log(`default catalog loaded on first run in ${(performance.now() - t0).toFixed(0)} ms`);
      expect(result?.stored).toBe(5652);
      expect(service.search('dang ky khai sinh', {})[0]?.code).toBe('1.001193');
    } finally {
      closeDatabase(fresh);
    }
  });
});
