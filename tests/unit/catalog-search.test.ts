// Catalog service over a real SQLite file: accent-free search and ranking, pins, details, JSON export/import.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { users } from '../../db/schema';
import type { CatalogDocument, CatalogFile, ProcedureMode } from '../../electron/common/catalog';
import { feeRuleFromAmount } from '../../electron/common/fee';
import { AppError } from '../../electron/common/errors';
import { createCatalogService, type CatalogService } from '../../electron/core/catalog/catalog-service';
import { importCatalog, type ProcedureToStore } from '../../electron/core/catalog/import-catalog';

const online: ProcedureMode = {
  mode: 'online',
  deadlineValue: 3,
  deadlineUnit: 'working_day',
  deadlineText: '3 ngày làm việc',
  feeVnd: 0,
  feeText: '0 VNĐ ()',
  fee: feeRuleFromAmount(0, '0 VNĐ ()'),
  feeVariants: [],
};

const form: CatalogDocument = {
  key: 'to-khai-dang-ky-khai-sinh-1a2b3c',
  name: 'Tờ khai đăng ký khai sinh theo mẫu',
  label: null,
  kind: 'submit',
  originals: 1,
  copies: 0,
  requirement: 'required',
  condition: null,
  onlyModes: null,
  requirementByMode: null,
  pageKind: 'form',
  formId: null,
};

function procedure(code: string, name: string, extra: Partial<ProcedureToStore> = {}): ProcedureToStore {
  return {
    code,
    name,
    level: 'Cấp Xã',
    field: 'Hộ tịch',
    agency: 'Ủy ban nhân dân cấp xã',
    procedureType: null,
    decisionNo: '163/QĐ-BTP',
    resultText: null,
    applicantTypes: 'Công dân Việt Nam',
    modes: [online],
    documents: [form],
    cases: [],
    notes: [],
    subject: null,
    ...extra,
  };
}

// real names and codes from the national catalog, chosen to compete for the same queries
const fixtures = [
  procedure('1.003583', 'Thủ tục đăng ký khai sinh lưu động'),
  procedure(
    '2.000986',
    'Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
  ),
  procedure('1.004884', 'Thủ tục đăng ký lại khai sinh'),
  procedure('1.001193', 'Thủ tục đăng ký khai sinh'),
  procedure('2.000528', 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài'),
  procedure('1.000894', 'Thủ tục đăng ký kết hôn'),
  procedure('1.001194', 'Cấp thị thực cho người nước ngoài tại Việt Nam'),
  procedure('1.004873', 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân'),
  procedure('1.000656', 'Thủ tục đăng ký khai tử'),
  procedure('1.005461', 'Đăng ký lại khai tử'),
  procedure('1.014063', 'Cấp đổi thẻ căn cước'),
];

let dir: string;
let db: Db;
let now: number;
let catalog: CatalogService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'catalog-search-'));
  db = openDatabase(join(dir, 'test.sqlite'));
  now = Date.parse('2026-03-02T02:00:00Z');
  catalog = createCatalogService({ db, clock: { now: () => now } });
  for (const id of ['agent-1', 'agent-2']) {
    db.insert(users)
      .values({
        id,
        username: id,
        fullName: 'Nguyễn Văn An',
        role: 'agent',
        passwordHash: 'x',
        createdAt: now,
      })
      .run();
  }
  importCatalog(db, fixtures, { source: 'national', catalogVersion: 'national-2026-07-19' });
});

afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const codes = (query: string, userId?: string) =>
  catalog.search(query, { userId, limit: 30 }).map((p) => p.code);

function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('search', () => {
  it('finds "Thủ tục đăng ký khai sinh" first however the agent types it', () => {
    for (const query of [
      'đăng ký khai sinh',
      'dang ky khai sinh',
      'Đăng ký KHAI SINH',
      '  dang   ky, khai sinh ',
      'thủ tục đăng ký khai sinh',
      '1.001193',
    ]) {
      expect(codes(query)[0], query).toBe('1.001193');
    }
  });

  it('requires every word, in any order, and matches đ typed as d', () => {
    expect(codes('khai sinh dang ky').sort()).toEqual(
      ['1.001193', '1.003583', '1.004884', '2.000528', '2.000986'].sort(),
    );
    expect(codes('dang ky lai ket hon')).toEqual([]);
    expect(codes('đăng ký lại')).toEqual(['1.005461', '1.004884']);
    expect(codes('hon nhan')).toEqual(['1.004873']);
    expect(codes('ket hon xyz')).toEqual([]);
  });

  it('ranks the exact name, then names starting with the phrase, then the phrase inside, then scattered words', () => {
    expect(codes('dang ky khai sinh')).toEqual(['1.001193', '1.003583', '2.000528', '2.000986', '1.004884']);
    // equal ranks: the shorter name first
    expect(codes('khai sinh')).toEqual(['1.001193', '1.004884', '1.003583', '2.000528', '2.000986']);
  });

  it('finds codes from their first digits', () => {
    expect(codes('1.00119')).toEqual(['1.001193', '1.001194']);
    expect(codes('2.000')).toEqual(['2.000528', '2.000986']);
  });

  it('reads kí as ký and i as y, both in what the agent types and in the names', () => {
    for (const query of ['đăng kí khai sinh', 'dang ki khai sinh', 'DANG KI KHAI SINH'])
      expect(codes(query)[0], query).toBe('1.001193');
    expect(codes('đăng kí lại')).toEqual(['1.005461', '1.004884']);
  });

  it('expands CCCD to căn cước, and ranks a name that is the phrase before one with a word inserted', () => {
    expect(codes('cap doi cccd')).toEqual(['1.014063']);
    expect(codes('cấp đổi CCCD')).toEqual(['1.014063']);
    // "Đăng ký lại khai tử" is the shorter name, but "Thủ tục" is not part of what the agent reads
    expect(codes('khai tu').slice(0, 2)).toEqual(['1.000656', '1.005461']);
  });

  it('lists pinned procedures first when the query is empty, and ranks pins first among equals', () => {
    catalog.pin('agent-1', '1.000894');
    now += 1000;
    catalog.pin('agent-1', '1.004873');
    catalog.pin('agent-2', '2.000528');
    expect(codes('', 'agent-1').slice(0, 3)).toEqual(['1.004873', '1.000894', '1.014063']);
    expect(catalog.search('', { userId: 'agent-1', limit: 3 }).map((p) => p.pinned)).toEqual([
      true,
      true,
      false,
    ]);
    expect(codes('', 'agent-2')[0]).toBe('2.000528');
    catalog.pin('agent-1', '2.000528');
    expect(codes('dang ky khai sinh', 'agent-1').slice(0, 3)).toEqual(['1.001193', '2.000528', '1.003583']);
  });

  it('forgets an unpinned procedure and refuses to pin a code that does not exist', () => {
    catalog.pin('agent-1', '1.000894');
    catalog.pin('agent-1', '1.000894');
    catalog.unpin('agent-1', '1.000894');
    expect(catalog.search('', { userId: 'agent-1' }).some((p) => p.pinned)).toBe(false);
    expect(appErrorOf(() => catalog.pin('agent-1', '9.999999')).code).toBe('NOT_FOUND');
  });

  it('hides inactive procedures', () => {
    importCatalog(db, [procedure('1.004884', 'Thủ tục đăng ký lại khai sinh', { active: false })], {
      source: 'office',
      catalogVersion: 'v2',
    });
    expect(codes('khai sinh')).not.toContain('1.004884');
  });
});

describe('details', () => {
  it('returns modes and components in the record order, with the pin of the asking user', () => {
    catalog.pin('agent-1', '1.001193');
    const detail = catalog.get('1.001193', { userId: 'agent-1' });
    expect(detail).toMatchObject({
      code: '1.001193',
      name: 'Thủ tục đăng ký khai sinh',
      pinned: true,
      source: 'national',
      catalogVersion: 'national-2026-07-19',
    });
    expect(detail.modes).toEqual([online]);
    expect(detail.documents[0]?.name).toBe('Tờ khai đăng ký khai sinh theo mẫu');
    expect(detail.layers).toMatchObject({ curated: false, correctionVersion: null, conflicts: [] });
    expect(detail.serviceChargeVnd).toBe(0);
    expect(catalog.get('1.001193', { userId: 'agent-2' }).pinned).toBe(false);
    expect(appErrorOf(() => catalog.get('1.999999')).code).toBe('NOT_FOUND');
  });

  it('replaces modes and documents when a procedure is imported again', () => {
    const direct: ProcedureMode = { ...online, mode: 'direct', feeVnd: 8000, feeText: '8000 VNĐ' };
    importCatalog(
      db,
      [procedure('1.001193', 'Thủ tục đăng ký khai sinh', { modes: [direct, online], documents: [] })],
      {
        source: 'national',
        catalogVersion: 'v2',
      },
    );
    const detail = catalog.get('1.001193');
    expect(detail.modes.map((m) => m.mode)).toEqual(['direct', 'online']);
    expect(detail.documents).toEqual([]);
    expect(detail.catalogVersion).toBe('v2');
  });
});

describe('JSON export and import', () => {
  it('round-trips the whole catalog into another database', () => {
    const exported = catalog.exportJson();
    const other = openDatabase(join(dir, 'other.sqlite'));
    try {
      const otherCatalog = createCatalogService({ db: other, clock: { now: () => now } });
      const result = otherCatalog.importJson(exported);
      expect(result).toMatchObject({
        total: 11,
        stored: 11,
        problems: 0,
        catalogVersion: 'national-2026-07-19',
      });
      expect(result.summary).toContain('11 thủ tục');
      expect(otherCatalog.get('1.001193')).toEqual(catalog.get('1.001193'));
    } finally {
      closeDatabase(other);
    }
  });

  it('accepts a hand-made office file with only the required fields', () => {
    const file = {
      format: 'dai-ly-dvc-catalog',
      version: 2,
      catalogVersion: 'office-2026-03',
      exportedAt: '2026-03-01T00:00:00Z',
      procedures: [{ code: 'VP.0001', name: 'Xác nhận đơn của văn phòng', modes: [online] }],
    };
    expect(catalog.importJson(JSON.stringify(file)).stored).toBe(1);
    expect(catalog.get('VP.0001')).toMatchObject({
      source: 'office',
      level: null,
      catalogVersion: 'office-2026-03',
      documents: [],
      cases: [],
    });
    expect(codes('xac nhan don')).toEqual(['VP.0001']);
  });

  it('reads a version 1 file: components become documents, required or optional, with keys and modes', () => {
    const { fee: _fee, feeVariants: _variants, ...v1Mode } = online;
    const file = {
      format: 'dai-ly-dvc-catalog',
      version: 1,
      catalogVersion: 'office-2025-12',
      exportedAt: '2025-12-01T00:00:00Z',
      procedures: [
        {
          code: 'VP.0002',
          name: 'Đăng ký khai sinh (bản cũ)',
          modes: [v1Mode],
          components: [
            { kind: 'submit', name: 'Tờ khai đăng ký khai sinh (nếu nộp hồ sơ trực tiếp)', originals: 1, copies: 0, required: true },
            { kind: 'submit', name: 'Văn bản ủy quyền', originals: 1, copies: 0, required: false },
          ],
        },
      ],
    };
    catalog.importJson(JSON.stringify(file));
    const detail = catalog.get('VP.0002');
    expect(detail.documents.map((d) => [d.requirement, d.onlyModes])).toEqual([
      ['required', ['direct']],
      ['optional', null],
    ]);
    expect(new Set(detail.documents.map((d) => d.key)).size).toBe(2);
    expect(detail.modes[0]?.fee).toMatchObject({ basis: 'free', amountVnd: 0 });
    // the same file gives the same keys, so corrections follow the documents across imports
    catalog.importJson(JSON.stringify(file));
    expect(catalog.get('VP.0002').documents.map((d) => d.key)).toEqual(detail.documents.map((d) => d.key));
  });

  it.each([
    ['not JSON', '{"format": "dai-ly-dvc-catalog",', 'JSON'],
    ['another format', JSON.stringify({ format: 'other', version: 1 }), 'format'],
    [
      'a newer version',
      JSON.stringify({ format: 'dai-ly-dvc-catalog', version: 3 }),
      'phiên bản định dạng 3',
    ],
    ['a bad mode', 'bad-mode', 'procedures[1].modes[0].mode'],
    ['a duplicated code', 'duplicate', '1.001193 xuất hiện hai lần'],
  ])('refuses %s with a CATALOG_FORMAT detail and changes nothing', (_label, text, detail) => {
    const good = JSON.parse(catalog.exportJson()) as CatalogFile;
    const renamed = good.procedures.map((p) => ({ ...p, name: `${p.name} (sửa)` }));
    let body = text;
    if (text === 'bad-mode')
      body = JSON.stringify({
        ...good,
        procedures: [renamed[0], { ...renamed[1], modes: [{ ...online, mode: 'fax' }] }],
      });
    if (text === 'duplicate')
      body = JSON.stringify({
        ...good,
        procedures: [...renamed, renamed.find((p) => p.code === '1.001193')],
      });
    const error = appErrorOf(() => catalog.importJson(body));
    expect(error.code).toBe('CATALOG_FORMAT');
    expect(error.details.detail).toEqual(expect.stringContaining(detail));
    expect(error.message).toContain('Tệp danh mục không đúng định dạng');
    expect(catalog.get('1.001193').name).toBe('Thủ tục đăng ký khai sinh');
    expect(codes('')).toHaveLength(11);
  });

  it('loads the default catalog only into an empty database', async () => {
    const defaultFile = join(dir, 'national.json.gz');
    writeFileSync(defaultFile, gzipSync(catalog.exportJson()));
    const fresh = openDatabase(join(dir, 'fresh.sqlite'));
    try {
      const freshCatalog = createCatalogService({ db: fresh, clock: { now: () => now } });
      expect(await freshCatalog.ensureDefaultCatalog(defaultFile)).toMatchObject({ stored: 11 });
      expect(freshCatalog.search('dang ky khai sinh', {})[0]?.code).toBe('1.001193');
      expect(await freshCatalog.ensureDefaultCatalog(defaultFile)).toBeNull();
      const other = openDatabase(join(dir, 'empty.sqlite'));
      const otherCatalog = createCatalogService({ db: other, clock: { now: () => now } });
      await expect(otherCatalog.ensureDefaultCatalog(join(dir, 'nope.json.gz'))).rejects.toMatchObject({
        code: 'CATALOG_FORMAT',
      });
      closeDatabase(other);
    } finally {
      closeDatabase(fresh);
    }
  });
});
