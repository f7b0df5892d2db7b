// Cases, notes and per-mode documents read from real national records (tests/fixtures/national, copied from the dataset).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogDocument, CatalogFilingMode } from '../../electron/common/catalog';
import { requirementIn } from '../../electron/common/checklist';
import { statutoryFee } from '../../electron/common/fee';
import { foldVietnamese } from '../../electron/common/text';
import { parseNationalRecord, type ParsedProcedure } from '../../electron/core/catalog/parse-record';

function parsed(code: string) {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'national', `${code}.txt`), 'utf8');
  const result = parseNationalRecord(text, `Data_DVC/${code}.txt`);
  if (!result.procedure) throw new Error(`${code} did not parse`);
  return { procedure: result.procedure, problems: result.problems };
}

const allDocuments = (p: ParsedProcedure): CatalogDocument[] => [...p.documents, ...p.cases.flatMap((c) => c.documents)];
const about = (doc: CatalogDocument, words: RegExp) => words.test(foldVietnamese(doc.name));
const vehicle = /phuong tien/;
const army = /quan doi|cong an nhan dan/;
const religious = /ton giao|tin nguong/;

describe('1.004222 đăng ký thường trú: six mutually exclusive cases', () => {
  const { procedure, problems } = parsed('1.004222');

  it('reads each [ … ] group as a case with its own documents, none left among the common ones', () => {
    expect(procedure.cases.length).toBeGreaterThanOrEqual(6);
    expect(procedure.documents).toEqual([]);
    const names = procedure.cases.map((c) => c.name);
    expect(names).toContain('Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ');
    expect(names).toContain('Đăng ký thường trú tại cơ sở tín ngưỡng, cơ sở tôn giáo có công trình phụ trợ là nhà ở');
    expect(new Set(procedure.cases.map((c) => c.key)).size).toBe(procedure.cases.length);
  });

  it('keeps vehicle, army and religious-site papers inside one case each, so no routine case asks for them', () => {
    for (const words of [vehicle, army, religious]) {
      const holding = procedure.cases.filter((c) => c.documents.some((d) => about(d, words)));
      expect(holding, String(words)).toHaveLength(1);
    }
    const rented = procedure.cases.find((c) => c.key === 'dang-ky-thuong-tru-vao-cho-o-hop-phap-do-thue-muon');
    expect(rented?.documents.length).toBeLessThanOrEqual(4);
    expect(rented?.documents.some((d) => about(d, vehicle) || about(d, army) || about(d, religious))).toBe(false);
  });

  it('makes the "*Lưu ý" item and the "hồ sơ gồm:" headings notes of their case, not slots', () => {
    const lastCase = procedure.cases.at(-1);
    expect(procedure.notes.find((n) => n.text.startsWith('Lưu ý: - Không yêu cầu xuất trình Giấy khai sinh'))?.caseKey).toBe(
      lastCase?.key,
    );
    expect(allDocuments(procedure).some((d) => /^Trường hợp quy định tại điểm/.test(d.name))).toBe(false);
    expect(allDocuments(procedure).every((d) => (d.originals ?? 0) + (d.copies ?? 0) > 0)).toBe(true);
  });

  it('reports the two groups the record names alike, and keeps them apart', () => {
    const twins = procedure.cases.filter((c) => c.name.startsWith('Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu'));
    expect(twins).toHaveLength(2);
    expect(twins[0]?.key).not.toBe(twins[1]?.key);
    expect(problems.filter((p) => p.kind === 'case_duplicate_name')).toHaveLength(1);
  });
});

describe('1.001193 đăng ký khai sinh: notes are not documents', () => {
  const { procedure, problems } = parsed('1.001193');
  const docs = allDocuments(procedure);
  const paperForm = docs.find((d) => d.name.startsWith('Tờ khai đăng ký khai sinh'));
  const eForm = docs.find((d) => d.name.startsWith('Mẫu hộ tịch điện tử tương tác'));
  const reqs = (doc: CatalogDocument | undefined) =>
    (['direct', 'postal', 'online'] as CatalogFilingMode[]).map((m) => (doc ? requirementIn(doc, m) : 'missing'));

  it('turns the legal notes into notes: no rule for the receiving officer is a slot', () => {
    expect(docs.length).toBeLessThanOrEqual(9);
    expect(procedure.notes.length).toBeGreaterThanOrEqual(20);
    for (const rule of [/^Cá nhân có quyền/, /^Người tiếp nhận có trách nhiệm/, /^Cơ quan đăng ký hộ tịch từ chối/, /giấy tờ sau$/]) {
      expect(docs.some((d) => rule.test(d.name)), String(rule)).toBe(false);
      expect(procedure.notes.some((n) => rule.test(n.text)), String(rule)).toBe(true);
    }
    expect(docs.every((d) => (d.originals ?? 0) + (d.copies ?? 0) > 0)).toBe(true);
  });

  it('keeps the two declaration forms of the Lưu ý group as documents to submit: paper for counter and post, e-form online', () => {
    expect(paperForm).toMatchObject({ kind: 'submit', requirement: 'required', pageKind: 'form' });
    expect(eForm).toMatchObject({ kind: 'submit', requirement: 'required' });
    expect(reqs(paperForm)).toEqual(['required', 'required', 'not_applicable']);
    expect(reqs(eForm)).toEqual(['not_applicable', 'not_applicable', 'required']);
    expect(problems.filter((p) => p.kind === 'note_kept_as_document')).toHaveLength(2);
  });

  it('states the conditions of conditional documents in words, and keeps the birth certificate required', () => {
    const conditionOf = (start: string) => docs.find((d) => d.name.startsWith(start));
    expect(conditionOf('Văn bản ủy quyền')).toMatchObject({
      requirement: 'conditional',
      condition: 'trường hợp ủy quyền thực hiện việc đăng ký khai sinh',
    });
    expect(conditionOf('Trường hợp trẻ em bị bỏ rơi')).toMatchObject({
      requirement: 'conditional',
      condition: 'trường hợp trẻ em bị bỏ rơi',
    });
    expect(conditionOf('Giấy chứng sinh')).toMatchObject({ requirement: 'required', condition: null });
    expect(conditionOf('Hộ chiếu/Thẻ căn cước')).toMatchObject({ kind: 'show', pageKind: 'id_card', onlyModes: ['direct'] });
  });

  it('reads "0 VNĐ ()" as free in every mode', () => {
    expect(procedure.modes.map((m) => [m.mode, m.fee?.basis])).toEqual([
      ['online', 'free'],
      ['postal', 'free'],
      ['direct', 'free'],
    ]);
  });
});

describe('2.000815 chứng thực bản sao: a price per page is not a fixed fee', () => {
  it('reads "2000 VNĐ (/trang)" as 2.000 đồng per page, and "10 VNĐ (/bản)" (dollars) as unknown', () => {
    const { procedure } = parsed('2.000815');
    const [perPage, abroad] = procedure.modes;
    expect(perPage?.fee).toMatchObject({ basis: 'per_unit', unit: 'trang', tiers: [{ fromUnit: 1, amountVnd: 2000 }] });
    expect(perPage?.feeVnd).toBeNull();
    expect(perPage?.fee && statutoryFee(perPage.fee, { units: 2, copies: 1 })).toMatchObject({ known: true, vnd: 4000 });
    expect(abroad?.fee).toMatchObject({ basis: 'unknown', text: '10 VNĐ (/bản)' });
  });
});
