// The curated procedure profiles shipped in resources/catalog/profiles: valid, clean checklists, and fees as the law states.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  curatedProfileSchema,
  type CatalogDocument,
  type CatalogFilingMode,
  type CatalogProcedure,
  type CuratedProfile,
  type FeeRule,
} from '../../electron/common/catalog';
import { documentsForCase, requirementIn } from '../../electron/common/checklist';
import { statutoryFee } from '../../electron/common/fee';
import { loadProfiles } from '../../electron/core/catalog/profiles';

const dir = join(__dirname, '..', '..', 'resources', 'catalog', 'profiles');

/** The 12 procedures agents file most, by the code each profile uses (see reviewNotes for codes that moved). */
const expectedCodes = [
  '1.000656', // khai tử
  '1.000894', // kết hôn
  '1.001193', // khai sinh
  '1.001612', // thành lập hộ kinh doanh
  '1.004194', // tạm trú
  '1.004222', // thường trú
  '1.004873', // xác nhận tình trạng hôn nhân
  '2.000635', // bản sao trích lục hộ tịch (cấp xã; 1.000797 is the consulates' procedure)
  '2.000815', // chứng thực bản sao từ bản chính
  '2.000908', // bản sao từ sổ gốc
  '3.000333', // phiếu lý lịch tư pháp, cấp tỉnh
  '3.000347', // đổi giấy phép lái xe (Bộ Công an)
];

/** Form schemas written alongside (resources/forms/<id>.json). */
const formIds = new Set([
  'to-khai-khai-sinh',
  'to-khai-khai-tu',
  'to-khai-ket-hon',
  'ct01',
  'to-khai-lltp',
  'to-khai-trich-luc',
  'to-khai-xac-nhan-hon-nhan',
  'don-doi-gplx',
  'de-nghi-ho-kinh-doanh',
]);

/** What the wrapper holds beyond the shared schema: the reviewer's notes, for the product owner. */
const wrapperSchema = z.object({ reviewNotes: z.string().min(40), profileVersion: z.literal('2026-12-02') });

/** Text that is guidance for the officer, not something a citizen hands over. */
const readsAsRule =
  /^(trường hợp|người tiếp nhận|người yêu cầu|cá nhân có quyền|lưu ý|đối với|cơ quan|\*|-|\+)/i;

type Loaded = { file: string; profile: CuratedProfile };

function loadAll(): Loaded[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      const json: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      wrapperSchema.parse(json);
      return { file, profile: curatedProfileSchema.parse(json) };
    });
}

const all = loadAll();

function procedure(code: string): CatalogProcedure {
  const found = all.find((l) => l.profile.procedure.code === code);
  if (!found) throw new Error(`no profile for ${code}`);
  return found.profile.procedure;
}

function everyDocument(p: CatalogProcedure): CatalogDocument[] {
  return [...p.documents, ...p.cases.flatMap((c) => c.documents)];
}

function feeOf(code: string, mode: CatalogFilingMode): FeeRule {
  const rule = procedure(code).modes.find((m) => m.mode === mode)?.fee;
  if (!rule) throw new Error(`${code} has no fee rule for ${mode}`);
  return rule;
}

function vnd(rule: FeeRule, units: number, copies = 1): number | null {
  const amount = statutoryFee(rule, { units, copies });
  return amount.known ? amount.vnd : null;
}

describe('shipped curated profiles', () => {
  it('cover the 12 procedures, one file per code, each valid for the loader', () => {
    expect(all.map((l) => l.profile.procedure.code)).toEqual(expectedCodes);
    for (const { file, profile } of all) expect(file).toBe(`${profile.procedure.code}.json`);
    const loaded = loadProfiles(dir);
    expect(loaded.problems).toEqual([]);
    expect([...loaded.profiles.keys()].sort()).toEqual(expectedCodes);
  });

  it('cite their legal basis and review', () => {
    for (const { profile } of all) {
      expect(profile.legalBasis.length, profile.procedure.code).toBeGreaterThanOrEqual(3);
      expect(profile.legalBasis.join(' '), profile.procedure.code).toMatch(/(Luật|Nghị định|Thông tư) /);
    }
  });

  it('use only the known declaration forms, as form pages', () => {
    for (const { profile } of all) {
      for (const doc of everyDocument(profile.procedure)) {
        if (doc.formId === null) continue;
        expect(formIds.has(doc.formId), `${profile.procedure.code} ${doc.key}: ${doc.formId}`).toBe(true);
        expect(doc.pageKind, `${profile.procedure.code} ${doc.key}`).toBe('form');
      }
    }
  });

  it('give every document, case and mode a unique key, and tie notes to existing cases', () => {
    for (const { profile } of all) {
      const p = profile.procedure;
      const keys = everyDocument(p).map((d) => d.key);
      expect(new Set(keys).size, p.code).toBe(keys.length);
      for (const key of keys) expect(key, p.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const cases = p.cases.map((c) => c.key);
      expect(new Set(cases).size, p.code).toBe(cases.length);
      for (const n of p.notes) if (n.caseKey !== null) expect(cases, p.code).toContain(n.caseKey);
      const modes = p.modes.map((m) => m.mode);
      expect(new Set(modes).size, p.code).toBe(modes.length);
    }
  });

  it('hold only things a citizen hands over or shows: no rule as a slot, labels short, conditions in words', () => {
    for (const { profile } of all) {
      const p = profile.procedure;
      for (const doc of everyDocument(p)) {
        const where = `${p.code} ${doc.key}`;
        expect((doc.originals ?? 0) + (doc.copies ?? 0), where).toBeGreaterThan(0);
        expect(doc.name, where).not.toMatch(readsAsRule);
        expect(doc.label, where).not.toBeNull();
        expect((doc.label ?? '').length, where).toBeLessThanOrEqual(70);
        if (doc.requirement === 'conditional') expect(doc.condition ?? '', where).toMatch(/\S{3}/);
        else expect(doc.condition, where).toBeNull();
        if (doc.kind === 'show' && /CCCD|hộ chiếu/i.test(doc.label ?? ''))
          expect(doc.pageKind, where).toBe('id_card');
      }
      for (const n of p.notes) expect(n.text.length, p.code).toBeGreaterThan(20);
    }
  });

  it('state every fee with its source, and an unknown fee with the reason the agent sees', () => {
    for (const { profile } of all) {
      for (const m of profile.procedure.modes) {
        const rules = [m.fee, ...m.feeVariants.map((v) => v.rule)];
        for (const rule of rules) {
          const where = `${profile.procedure.code} ${m.mode}`;
          expect(rule, where).toBeDefined();
          if (!rule) continue;
          expect(rule.source ?? '', where).toMatch(/\S/);
          expect(rule.text, where).toMatch(/\S{3}/);
          if (rule.basis === 'unknown') expect(statutoryFee(rule).known, where).toBe(false);
        }
        if (m.fee?.basis === 'fixed') expect(m.feeVnd).toBe(m.fee.amountVnd);
        if (m.fee?.basis === 'free') expect(m.feeVnd).toBe(0);
        expect(m.deadlineText, profile.procedure.code).toMatch(/\S/);
      }
    }
  });
});

describe('đăng ký thường trú (1.004222)', () => {
  const p = procedure('1.004222');

  it("asks at most 4 documents for one's own home, none about vehicles, army or police units, or religious sites", () => {
    const docs = documentsForCase(p, 'so-huu');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.length).toBeLessThanOrEqual(4);
    for (const doc of docs) {
      const text = [doc.name, doc.label ?? '', doc.condition ?? ''].join(' ');
      expect(text, doc.key).not.toMatch(/phương tiện|quân đội|công an nhân dân|tôn giáo|tín ngưỡng/i);
    }
    const required = docs.filter((d) => requirementIn(d, 'direct') === 'required');
    expect(required.map((d) => d.formId)).toEqual(['ct01']);
  });

  it('asks the proof of ownership only when the databases do not hold it', () => {
    const proof = documentsForCase(p, 'so-huu').find((d) => d.key === 'giay-to-cho-o-hop-phap');
    expect(proof?.requirement).toBe('conditional');
    expect(proof?.condition).toMatch(/không khai thác được/);
  });

  it('keeps the cases of Điều 20 Luật Cư trú apart', () => {
    expect(p.cases.map((c) => c.key)).toEqual([
      'so-huu',
      've-o-voi-nguoi-than',
      'thue-muon-o-nho',
      'co-so-tin-nguong-ton-giao',
      'co-so-ton-giao-nuoi-duong',
      'tro-giup-xa-hoi',
      'phuong-tien',
      'don-vi-dong-quan',
    ]);
    const rented = documentsForCase(p, 'thue-muon-o-nho').find((d) => d.key === 'hop-dong-thue-muon');
    expect(rented?.requirement).toBe('required');
  });

  it('charges 20.000 đ at the counter and 10.000 đ online', () => {
    expect(vnd(feeOf('1.004222', 'direct'), 1)).toBe(20_000);
    expect(vnd(feeOf('1.004222', 'online'), 1)).toBe(10_000);
    const tamTru = procedure('1.004194');
    expect(tamTru.modes.map((m) => [m.mode, m.feeVnd])).toEqual([
      ['online', 7_000],
      ['direct', 15_000],
    ]);
    const list = tamTru.modes
      .find((m) => m.mode === 'direct')
      ?.feeVariants.find((v) => v.key === 'theo-danh-sach');
    expect(list && vnd(list.rule, 4)).toBe(40_000);
  });
});

describe('đăng ký khai sinh (1.001193)', () => {
  const p = procedure('1.001193');
  const forms = everyDocument(p).filter((d) => d.formId === 'to-khai-khai-sinh');
  const paper = forms.find((d) => d.onlyModes?.includes('direct'));
  const eForm = forms.find((d) => d.onlyModes?.includes('online'));

  it('needs the paper tờ khai at the counter and by post, and the e-form online only', () => {
    expect(paper && eForm).toBeTruthy();
    if (!paper || !eForm) return;
    expect(requirementIn(paper, 'direct')).toBe('required');
    expect(requirementIn(paper, 'postal')).toBe('required');
    expect(requirementIn(paper, 'online')).toBe('not_applicable');
    expect(requirementIn(eForm, 'online')).toBe('required');
    expect(requirementIn(eForm, 'direct')).toBe('not_applicable');
    expect(requirementIn(eForm, 'postal')).toBe('not_applicable');
  });

  it("puts no legal note in a slot: the national record's rules are notes", () => {
    const names = everyDocument(p).map((d) => d.name);
    for (const rule of [
      'Cá nhân có quyền lựa chọn',
      'Người tiếp nhận có trách nhiệm',
      'ông, bà, người thân thích khác thì không phải',
    ]) {
      expect(
        names.some((n) => n.includes(rule)),
        rule,
      ).toBe(false);
    }
    expect(
      p.notes.some((n) => /ông, bà hoặc người thân thích khác .* không cần văn bản ủy quyền/i.test(n.text)),
    ).toBe(true);
    expect(
      everyDocument(p)
        .filter((d) => d.requirement === 'conditional')
        .map((d) => d.key),
    ).toContain('van-ban-uy-quyen');
  });

  it('has a case per way the birth is proven, and the normal case asks the Giấy chứng sinh', () => {
    expect(p.cases.map((c) => c.key)).toEqual([
      'co-giay-chung-sinh',
      'nguoi-lam-chung',
      'cam-doan',
      'tre-bi-bo-roi',
      'mang-thai-ho',
    ]);
    const normal = documentsForCase(p, 'co-giay-chung-sinh');
    const required = normal.filter((d) => requirementIn(d, 'direct') === 'required').map((d) => d.label);
    expect(required).toEqual(['Tờ khai đăng ký khai sinh', 'CCCD người đi đăng ký', 'Giấy chứng sinh']);
  });

  it('is free when on time, names the child on the receipt', () => {
    expect(vnd(feeOf('1.001193', 'direct'), 1)).toBe(0);
    expect(p.subject).toEqual({ label: 'Trẻ được khai sinh', formField: 'child.fullName' });
    expect(procedure('1.000656').subject?.formField).toBe('deceased.fullName');
  });
});

describe('fees counted per unit', () => {
  it('chứng thực bản sao: 2.000 đ for each of the first two pages, 1.000 đ from the third, at most 200.000 đ a copy', () => {
    const rule = feeOf('2.000815', 'direct');
    expect(vnd(rule, 1)).toBe(2_000);
    expect(vnd(rule, 3)).toBe(5_000);
    expect(vnd(rule, 3, 2)).toBe(10_000);
    expect(vnd(rule, 300)).toBe(200_000);
    expect(vnd(rule, 300, 2)).toBe(400_000);
  });

  it('bản sao trích lục: 8.000 đ a copy', () => {
    expect(vnd(feeOf('2.000635', 'direct'), 3)).toBe(24_000);
  });

  it('lý lịch tư pháp: 200.000 đ for up to two phiếu, 5.000 đ more from the third; reduced and exempt categories to pick', () => {
    const mode = procedure('3.000333').modes.find((m) => m.mode === 'direct');
    if (!mode?.fee) throw new Error('no direct fee');
    expect(vnd(mode.fee, 1)).toBe(200_000);
    expect(vnd(mode.fee, 2)).toBe(200_000);
    expect(vnd(mode.fee, 4)).toBe(210_000);
    const reduced = mode.feeVariants.find((v) => v.key === 'giam');
    expect(reduced && vnd(reduced.rule, 1)).toBe(100_000);
    expect(mode.feeVariants.find((v) => v.key === 'mien')?.rule.basis).toBe('free');
  });

  it('leaves fees set by each province to the agent, with the reason', () => {
    for (const code of ['1.001612', '1.004873', '3.000347']) {
      const amount = statutoryFee(feeOf(code, 'direct'));
      expect(amount.known, code).toBe(false);
      if (!amount.known) expect(amount.detail, code).toMatch(/HĐND|Thông tư 154\/2025/);
    }
  });
});
