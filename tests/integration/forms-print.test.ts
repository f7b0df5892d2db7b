// Printing the official forms: the khai sinh declaration read back with pdftotext, every form blank, and form:fill's exits.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRawFormData } from '../../electron/common/forms/validate-form';
import { renderFormPdf } from '../../electron/core/forms/form-pdf';
import { loadFormRegistry } from '../../electron/core/forms/form-registry';
import { runFormFill } from '../../scripts/form-fill';

const repo = path.resolve(__dirname, '../..');
const resources = path.join(repo, 'resources');
const registry = loadFormRegistry(resources);
const fonts = {
  regular: new Uint8Array(readFileSync(path.join(resources, 'fonts', 'NotoSans-Regular.ttf'))),
  bold: new Uint8Array(readFileSync(path.join(resources, 'fonts', 'NotoSans-Bold.ttf'))),
};
const fixtureFile = path.join(repo, 'tests', 'fixtures', 'forms', 'khai-sinh.json');
const dir = mkdtempSync(path.join(tmpdir(), 'forms-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** pdftotext of a PDF file, in reading order (no -layout: one text run per line). */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

async function print(id: string, raw: unknown): Promise<{ file: string; anchors: Record<string, { page: number; yMm: number }> }> {
  const def = registry.get(id);
  if (!def) throw new Error(id);
  const { data } = checkRawFormData(def, raw, { today: '2026-12-02', units: registry.units });
  const out = await renderFormPdf(def, data, { units: registry.units, fonts });
  const file = path.join(dir, `${id}.pdf`);
  writeFileSync(file, out.bytes);
  return { file, anchors: out.anchors };
}

describe('tờ khai đăng ký khai sinh, printed and read back', () => {
  it('holds the child\'s name with diacritics, the date of birth dd/MM/yyyy and the mother\'s ID, in the form\'s order', async () => {
    const { file, anchors } = await print('to-khai-khai-sinh', JSON.parse(readFileSync(fixtureFile, 'utf8')));
    const text = pdfText(file);
    const at = (s: string) => {
      const i = text.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(text.normalize('NFC')).toBe(text); // composed Vietnamese, not base letters plus marks
    const order = [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỜ KHAI ĐĂNG KÝ KHAI SINH',
      'Kính gửi (1): Ủy ban nhân dân phường Láng',
      'Họ, chữ đệm, tên: Trần Ngọc Ánh Dương',
      'Ngày, tháng, năm sinh: 20/11/2026',
      'Ngày hai mươi, tháng mười một',
      'Nơi sinh (4): Bệnh viện Phụ sản Hà Nội, 929 đường La Thành, Phường Láng, Thành phố Hà Nội',
      'Họ, chữ đệm, tên người mẹ: Lê Thị Hồng Nhung',
      'Số định danh cá nhân: 001195067890',
      'Tôi cam đoan',
      'ngày 01 tháng 12 năm 2026',
      'NGƯỜI YÊU CẦU',
    ].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // where each value sits on paper, for overlay printing and the renderer's preview
    expect(anchors['child.fullName']).toMatchObject({ page: 1 });
    expect(anchors['mother.idNumber']?.yMm).toBeGreaterThan(anchors['child.fullName']?.yMm ?? 999);
  });

  it('prints every shipped form blank, with the national motto and its title', async () => {
    for (const id of registry.forms.keys()) {
      const def = registry.get(id);
      const { file } = await print(id, {});
      const text = pdfText(file);
      expect(text, id).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text.replace(/\s+/g, ' '), id).toContain(def?.title.split(' ').slice(0, 3).join(' '));
    }
  });

  it('prints CT01 household members as the paper\'s table', async () => {
    const { file } = await print('ct01', {
      declarant: { fullName: 'Vũ Thị Lan', dateOfBirth: '02/04/1988', sex: 'Nữ', idNumber: '001188004567' },
      members: [{ fullName: 'Vũ Minh Khôi', dateOfBirth: '01/06/2015', sex: 'Nam', idNumber: '001215009876', relationship: 'Con' }],
    });
    const text = pdfText(file);
    expect(text).toContain('Mẫu CT01');
    expect(text).toContain('Vũ Minh Khôi');
    expect(text).toContain('01/06/2015');
    expect(text.indexOf('11. Những thành viên')).toBeLessThan(text.indexOf('Vũ Minh Khôi'));
  });
});

describe('npm run form:fill', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runFormFill(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, resources);
    return { code, out, err };
  };

  it('prints a valid data file (by form or by procedure) and exits 0', async () => {
    const pdf = path.join(dir, 'filled.pdf');
    const r = await run('--procedure', '1.001193', '--data', fixtureFile, '--out', pdf, '--today', '2026-12-02');
    expect(r.code).toBe(0);
    expect(pdfText(pdf)).toContain('Trần Ngọc Ánh Dương');
  });

  it('refuses bad data with one Vietnamese message per field and exit 1, printing nothing', async () => {
    const bad = JSON.parse(readFileSync(fixtureFile, 'utf8')) as { child: Record<string, unknown>; mother: Record<string, unknown> };
    bad.child.dateOfBirth = '31/02/2026';
    bad.mother.idNumber = '0011950678';
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = await run('--form', 'to-khai-khai-sinh', '--data', file, '--out', path.join(dir, 'bad.pdf'), '--today', '2026-12-02');
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      'Dữ liệu chưa hợp lệ cho "TỜ KHAI ĐĂNG KÝ KHAI SINH" (2 mục):',
      '- child.dateOfBirth (Ngày, tháng, năm sinh): Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1987.',
      '- mother.idNumber (Số định danh cá nhân): Số định danh cá nhân phải có đúng 12 chữ số (đang có 10).',
    ]);
  });

  it('exits 2 on wrong usage or an unknown form', async () => {
    expect((await run('--data', fixtureFile)).code).toBe(2);
    const unknown = await run('--form', 'to-khai-khong-co', '--data', fixtureFile, '--out', path.join(dir, 'x.pdf'));
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toContain('Không có mẫu tờ khai "to-khai-khong-co"');
  });

  it('runs as the npm script with the same exit code and messages', () => {
    const bad = path.join(dir, 'empty.json');
    writeFileSync(bad, '{"child": {"sex": "không rõ"}}');
    const r = spawnSync('npm', ['run', '-s', 'form:fill', '--', '--form', 'to-khai-khai-sinh', '--data', bad, '--out', path.join(dir, 'e.pdf')], { cwd: repo, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('- child.sex (Giới tính): Hãy chọn giới tính Nam hoặc Nữ.');
    expect(r.stderr).toContain('- child.fullName (Họ, chữ đệm, tên): Hãy nhập họ, chữ đệm, tên.');
  });
});
