// The office's corrections over a real SQLite file: versions, roles, audit, export/import, and catalog updates keep them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { users } from '../../db/schema';
import type { CatalogDocument, CuratedProfile, ProcedureMode } from '../../electron/common/catalog';
import { AppError } from '../../electron/common/errors';
import { feeRuleFromAmount, statutoryFee } from '../../electron/common/fee';
import type { Actor } from '../../electron/core/auth/actor';
import { buildCatalogFile } from '../../electron/core/catalog/catalog-file';
import { createCatalogService, type CatalogService } from '../../electron/core/catalog/catalog-service';
import { importCatalog, type ProcedureToStore } from '../../electron/core/catalog/import-catalog';

const CODE = '2.000815';

function doc(key: string, name: string, extra: Partial<CatalogDocument> = {}): CatalogDocument {
  return {
    key,
    name,
    label: null,
    kind: 'submit',
    originals: 1,
    copies: 0,
    requirement: 'required',
    condition: null,
    onlyModes: null,
    requirementByMode: null,
    pageKind: 'document',
    formId: null,
    ...extra,
  };
}

const direct: ProcedureMode = {
  mode: 'direct',
  deadlineValue: 1,
  deadlineUnit: 'working_day',
  deadlineText: '1 ngày làm việc',
  feeVnd: 0,
  feeText: '0 VNĐ ()',
  fee: feeRuleFromAmount(0, '0 VNĐ ()'),
  feeVariants: [],
};

function record(documents: CatalogDocument[]): ProcedureToStore {
  return {
    code: CODE,
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    level: 'Cấp Xã',
    field: 'Chứng thực',
    agency: null,
    procedureType: null,
    decisionNo: '3152/QĐ-BTP',
    resultText: null,
    applicantTypes: null,
    modes: [direct],
    documents,
    cases: [],
    notes: [],
    subject: null,
  };
}

const original = [
  doc('ban-chinh-a1b2c3', 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao'),
  doc('ban-sao-d4e5f6', 'Bản sao cần chứng thực'),
  doc('giay-to-tuy-than-0f0f0f', 'Giấy tờ tùy thân', { kind: 'show', pageKind: 'id_card' }),
];

const admin: Actor = { userId: 'admin-1', username: 'admin-1', fullName: 'Lê Quản Trị', role: 'admin' };
const agent: Actor = { userId: 'agent-1', username: 'agent-1', fullName: 'Trần Thị Bình', role: 'agent' };
const perPage = {
  basis: 'per_unit' as const,
  amountVnd: null,
  unit: 'trang',
  tiers: [
    { fromUnit: 1, amountVnd: 2000 },
    { fromUnit: 3, amountVnd: 1000 },
  ],
  capVnd: 200_000,
  perCopy: true,
  text: '2.000 đồng/trang, từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản',
  source: 'Thông tư 226/2016/TT-BTC',
};

let dir: string;
let db: Db;
let now: number;
let catalog: CatalogService;

function service(database: Db, profiles = new Map<string, CuratedProfile>()): CatalogService {
  return createCatalogService({
    db: database,
    clock: { now: () => now },
    settings: { hasOffice: () => true, get: () => ({ serviceChargeVnd: 20_000, office: { code: 'DL-HN-001' } }) },
    profiles,
  });
}

function addUsers(database: Db): void {
  for (const [id, role, fullName] of [
    ['admin-1', 'admin', 'Lê Quản Trị'],
    ['agent-1', 'agent', 'Trần Thị Bình'],
  ] as const)
    database.insert(users).values({ id, username: id, fullName, role, passwordHash: 'x', createdAt: 0 }).run();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'catalog-corrections-'));
  db = openDatabase(join(dir, 'office.sqlite'));
  now = Date.parse('2026-12-05T02:00:00Z');
  addUsers(db);
  importCatalog(db, [record(original)], { source: 'national', catalogVersion: 'national-2026-07-19.r2' });
  catalog = service(db);
});

afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

function correctLabelAndFee() {
  return catalog.corrections.save(
    admin,
    {
      procedureCode: CODE,
      documents: {
        'ban-sao-d4e5f6': { label: 'Bản photo cần chứng thực' },
        'giay-to-tuy-than-0f0f0f': { hidden: true },
      },
      modes: { direct: { fee: perPage } },
      serviceChargeVnd: 25_000,
      note: 'Theo Thông tư 226/2016/TT-BTC',
    },
    null,
  );
}

describe('saving a correction', () => {
  it('changes what the counter sees: label, hidden document, per-page fee, service charge, and says who did it', () => {
    expect(catalog.get(CODE).serviceChargeVnd).toBe(20_000);
    const view = correctLabelAndFee();
    expect(view.version).toBe(1);
    const detail = catalog.get(CODE);
    expect(detail.documents.map((d) => d.label ?? d.name)).toEqual([
      'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao',
      'Bản photo cần chứng thực',
    ]);
    expect(detail.serviceChargeVnd).toBe(25_000);
    expect(detail.modes[0]?.fee && statutoryFee(detail.modes[0].fee, { units: 3, copies: 1 })).toMatchObject({ vnd: 5000 });
    expect(detail.layers).toMatchObject({ correctionVersion: 1, correctedBy: 'admin-1', correctedAt: now, conflicts: [] });
    // the editor still sees the hidden document, to show it again
    expect(view.base.documents).toHaveLength(3);
  });

  it('is for the admin only, refuses a stale save, keeps every version with its author, and audits each', () => {
    expect(appErrorOf(() => catalog.corrections.save(agent, { procedureCode: CODE }, null)).code).toBe('FORBIDDEN');
    correctLabelAndFee();
    expect(appErrorOf(() => correctLabelAndFee()).code).toBe('CORRECTION_STALE');
    now += 60_000;
    catalog.corrections.save(admin, { procedureCode: CODE, note: 'Bỏ sửa' }, 1);
    expect(catalog.corrections.history(CODE)).toEqual([
      { version: 2, createdBy: 'admin-1', createdByName: 'Lê Quản Trị', createdAt: now, note: 'Bỏ sửa' },
      { version: 1, createdBy: 'admin-1', createdByName: 'Lê Quản Trị', createdAt: now - 60_000, note: 'Theo Thông tư 226/2016/TT-BTC' },
    ]);
    // the newest (empty) version applies: the catalog's own checklist and the office's default charge are back
    expect(catalog.get(CODE).documents).toHaveLength(3);
    expect(catalog.get(CODE).serviceChargeVnd).toBe(20_000);
    expect(catalog.get(CODE).layers.correctionVersion).toBeNull();
    const audits = db.$client
      .prepare("SELECT action, entity_id AS code, actor_id AS actor FROM audit_log WHERE entity = 'procedure' ORDER BY id")
      .all();
    expect(audits).toEqual([
      { action: 'catalog.correction.save', code: CODE, actor: 'admin-1' },
      { action: 'catalog.correction.save', code: CODE, actor: 'admin-1' },
    ]);
  });
});

describe('catalog updates keep the office corrections', () => {
  it('re-importing the catalog keeps them, and a changed or dropped document shows as a conflict', () => {
    correctLabelAndFee();
    // the same catalog again: nothing changes
    importCatalog(db, [record(original)], { source: 'national', catalogVersion: 'national-2026-08-01.r2' });
    expect(catalog.get(CODE).documents[1]?.label).toBe('Bản photo cần chứng thực');
    expect(catalog.get(CODE).layers.conflicts).toEqual([]);
    // a new catalog renames the copy and drops the ID card
    const renamed = [original[0], doc('ban-sao-d4e5f6', 'Bản sao giấy tờ cần chứng thực (bản chụp)')].filter(
      (d): d is CatalogDocument => d !== undefined,
    );
    const result = catalog.importJson(
      JSON.stringify(buildCatalogFile([record(renamed)], { catalogVersion: 'national-2026-09-01.r2', exportedAt: '', source: 'national' })),
    );
    expect(result.correctionConflicts).toBe(2);
    const detail = catalog.get(CODE);
    expect(detail.documents[1]?.label).toBe('Bản photo cần chứng thực');
    expect(detail.layers.conflicts.map((c) => c.target)).toEqual(['document:ban-sao-d4e5f6', 'document:giay-to-tuy-than-0f0f0f']);
    expect(detail.layers.conflicts[0]?.message).toMatch(/^Danh mục mới đã thay đổi giấy tờ "Bản sao giấy tờ cần chứng thực/);
  });

  it('an app update shipping a newer national catalog loads it over the old one, keeping corrections', async () => {
    correctLabelAndFee();
    const shipped = join(dir, 'national.json.gz');
    const write = (version: string, docs: CatalogDocument[]) =>
      writeFileSync(
        shipped,
        gzipSync(JSON.stringify(buildCatalogFile([record(docs)], { catalogVersion: version, exportedAt: '', source: 'national' }))),
      );
    write('national-2026-07-19.r2', original);
    expect(await catalog.ensureDefaultCatalog(shipped)).toBeNull();
    const newer = original.map((d) => (d.key === 'ban-chinh-a1b2c3' ? { ...d, copies: 1 } : d));
    write('national-2026-07-19.r3', newer);
    expect((await catalog.ensureDefaultCatalog(shipped))?.summary).toContain('bản sửa của văn phòng được giữ nguyên');
    expect(catalog.get(CODE).catalogVersion).toBe('national-2026-07-19.r3');
    expect(catalog.get(CODE).documents[0]?.copies).toBe(1);
    expect(catalog.get(CODE).documents[1]?.label).toBe('Bản photo cần chứng thực');
    // loaded once: a second start does nothing
    expect(await catalog.ensureDefaultCatalog(shipped)).toBeNull();
  });

  it('a curated profile under the correction: the correction patches the profile documents by their keys', () => {
    const profile: CuratedProfile = {
      format: 'dai-ly-dvc-profile',
      version: 1,
      profileVersion: '2026-12-02',
      legalBasis: ['Nghị định 23/2015/NĐ-CP', 'Thông tư 226/2016/TT-BTC'],
      procedure: { ...record([doc('ban-chinh', 'Bản chính cần chứng thực', { label: 'Bản chính' })]), source: 'national', active: true, modes: [{ ...direct, fee: perPage, feeVnd: null }] },
    };
    const curated = service(db, new Map([[CODE, profile]]));
    expect(curated.get(CODE).layers).toMatchObject({ curated: true, profileVersion: '2026-12-02', legalBasis: profile.legalBasis });
    curated.corrections.save(admin, { procedureCode: CODE, documents: { 'ban-chinh': { label: 'BC' } } }, null);
    expect(curated.get(CODE).documents.map((d) => d.label)).toEqual(['BC']);
  });
});

describe('corrections file', () => {
  it('exports the newest corrections and imports them into another office, bases kept', () => {
    correctLabelAndFee();
    const file = catalog.corrections.exportFile();
    expect(file).toMatchObject({ format: 'dai-ly-dvc-corrections', version: 1, officeCode: 'DL-HN-001' });
    expect(file.corrections.map((c) => c.procedureCode)).toEqual([CODE]);

    const other = openDatabase(join(dir, 'other.sqlite'));
    try {
      addUsers(other);
      importCatalog(other, [record(original)], { source: 'national', catalogVersion: 'x' });
      const otherCatalog = service(other);
      const text = JSON.stringify({ ...file, corrections: [...file.corrections, { ...file.corrections[0], procedureCode: '9.999999' }] });
      const result = otherCatalog.corrections.importFile(admin, text);
      expect(result).toMatchObject({ imported: 1, skipped: ['9.999999'], conflicts: 0 });
      expect(otherCatalog.get(CODE).documents.map((d) => d.label ?? d.name)).toEqual(catalog.get(CODE).documents.map((d) => d.label ?? d.name));
      expect(appErrorOf(() => otherCatalog.corrections.importFile(admin, '{"format":"x"}')).code).toBe('CORRECTIONS_FORMAT');
      expect(appErrorOf(() => otherCatalog.corrections.importFile(agent, text)).code).toBe('FORBIDDEN');
    } finally {
      closeDatabase(other);
    }
  });

  it('an imported file made against another catalog shows its differences as conflicts', () => {
    correctLabelAndFee();
    const file = catalog.corrections.exportFile();
    const other = openDatabase(join(dir, 'other2.sqlite'));
    try {
      addUsers(other);
      const changed = original.map((d) => (d.key === 'ban-sao-d4e5f6' ? { ...d, copies: 2 } : d));
      importCatalog(other, [record(changed)], { source: 'national', catalogVersion: 'y' });
      const otherCatalog = service(other);
      expect(otherCatalog.corrections.importFile(admin, JSON.stringify(file)).conflicts).toBe(1);
      expect(otherCatalog.corrections.get(CODE).conflicts.map((c) => c.target)).toEqual(['document:ban-sao-d4e5f6']);
    } finally {
      closeDatabase(other);
    }
  });
});


describe('npm run catalog:show', () => {
  const root = join(__dirname, '..', '..');
  const show = (...args: string[]) =>
    execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/catalog-show.ts', ...args], { cwd: root, encoding: 'utf8' });

  it('prints a curated procedure of the shipped catalog with its legal basis, cases and notes', () => {
    const text = show('1.004222');
    expect(text).toMatch(/^1\.004222 — /);
    expect(text).toContain('Hồ sơ mẫu đã rà soát');
    expect(text).toContain('Trường hợp:');
    const json = JSON.parse(show('1.004222', '--json')) as { cases: unknown[]; layers: { curated: boolean } };
    expect(json.layers.curated).toBe(true);
    expect(json.cases.length).toBeGreaterThan(1);
  });

  it('with --data, shows the office correction of an app data folder', () => {
    const data = join(dir, 'data');
    const resources = join(dir, 'resources');
    mkdirSync(data);
    mkdirSync(join(resources, 'catalog'), { recursive: true });
    const office = openDatabase(join(data, 'dai-ly-dvc.sqlite'));
    addUsers(office);
    importCatalog(office, [record(original)], { source: 'national', catalogVersion: 'national-2026-07-19.r2' });
    service(office).corrections.save(admin, { procedureCode: CODE, documents: { 'ban-sao-d4e5f6': { label: 'Bản photo' } }, note: 'thử' }, null);
    closeDatabase(office);
    const text = show(CODE, '--data', data, '--resources', resources);
    expect(text).toContain('Văn phòng đã sửa: phiên bản 1, bởi admin-1');
    expect(text).toContain('Bản photo («Bản sao cần chứng thực»)');
    expect(text).toContain('Đọc từ bản ghi quốc gia');
  });
});
