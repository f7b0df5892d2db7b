// National record parser: every deadline and fee notation seen in the dataset, components, and each problem kind.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecords, parseRecordSource, formatReport } from '../../electron/core/catalog/import-report';
import { parseDeadline } from '../../electron/core/catalog/parse-deadline';
import { parseFee } from '../../electron/core/catalog/parse-fee';
import { parseNationalRecord } from '../../electron/core/catalog/parse-record';

type RecordParts = {
  code?: string;
  name?: string;
  level?: string;
  agency?: string;
  modes?: string;
  components?: string;
};

/** A record laid out exactly as the scraper writes them (Data_DVC/<code>.txt). */
function record(p: RecordParts = {}): string {
  const modes =
    p.modes ??
    `  * Hình thức nộp: ONLINE
    Thời hạn giải quyết: 1 WORKING_DAY
    Phí, lệ phí: 50000 VNĐ (Lệ phí cấp giấy chứng nhận)
  * Hình thức nộp: DIRECT
    Thời hạn giải quyết: 1 WORKING_DAY
    Phí, lệ phí: 50000 VNĐ (Lệ phí cấp giấy chứng nhận)`;
  const components =
    p.components ??
    `    - Bản chính hoặc bản điện tử Đơn đề nghị cấp lại Giấy chứng nhận theo mẫu quy định
      Số lượng: Bản chính: 1, Bản sao: 0`;
  return `Chi tiết thủ tục hành chính
Mã thủ tục: ${p.code ?? '1.000017'}
Số quyết định: 2267/QĐ-BXD
Tên thủ tục: ${p.name ?? 'Cấp lại Giấy chứng nhận, tem kiểm định chất lượng phương tiện giao thông đường sắt'}
Cấp thực hiện: ${p.level ?? 'Cấp Bộ/Trung ương'}
Loại thủ tục: TTHC được luật giao quy định chi tiết
Lĩnh vực: Đăng kiểm
Trình tự thực hiện:
    a)	Nộp hồ sơ TTHC: nộp 01 bộ hồ sơ trực tiếp hoặc qua bưu chính.
Lĩnh vực: Xây dựng (a line of the steps at column 0, not the field)

Cách thức thực hiện:
${modes}

Thành phần hồ sơ:
${components}

Đối tượng thực hiện: Công dân Việt Nam, Doanh nghiệp
Cơ quan thực hiện: ${p.agency ?? 'Cục Đăng kiểm Việt Nam'}
Cơ quan có thẩm quyền: Cục Đăng kiểm Việt Nam
Địa chỉ tiếp nhận HS: Không có thông tin
Cơ quan được ủy quyền: Không có thông tin
Cơ quan phối hợp: Không có thông tin
Kết quả thực hiện: Giấy chứng nhận chất lượng an toàn kỹ thuật
Căn cứ pháp lý:
  * Luật số 95/2025/QH15 của Quốc hội: Luật Đường sắt (95/2025/QH15)

Yêu cầu, điều kiện thực hiện: Không có thông tin
Từ khóa: Không có thông tin
Mô tả: Không có thông tin`;
}

const kinds = (text: string, file?: string) => parseNationalRecord(text, file).problems.map((p) => p.kind);

describe('deadlines', () => {
  it.each([
    ['1 WORKING_DAY', 1, 'working_day', '1 ngày làm việc'],
    ['7.5 WORKING_DAY', 7.5, 'working_day', '7.5 ngày làm việc'],
    ['4 HOUR', 4, 'hour', '4 giờ'],
    ['3 MONTH', 3, 'month', '3 tháng'],
    ['1 YEAR', 1, 'year', '1 năm'],
    ['15 ngày', 15, 'day', '15 ngày'],
    [
      '10 ngày làm việc kể từ khi nhận đủ hồ sơ.',
      10,
      'working_day',
      '10 ngày làm việc kể từ khi nhận đủ hồ sơ.',
    ],
  ])('reads the portal notation %j', (raw, value, unit, text) => {
    expect(parseDeadline(raw)).toEqual({ value, unit, text, problem: null });
  });

  it('reads the bound a free-text deadline starts with, ignoring the extra days for mountain communes', () => {
    const d = parseDeadline(
      'Không quá 30 ngày làm việc. Đối với các xã miền núi, vùng sâu, vùng xa thì thời gian thực hiện được tăng thêm không quá 10 ngày làm việc OTHER',
    );
    expect([d.value, d.unit, d.problem]).toEqual([30, 'working_day', null]);
    expect(d.text.startsWith('Không quá 30 ngày làm việc.')).toBe(true);
  });

  it('takes a lone bound inside a sentence, but not a time of day', () => {
    expect(
      parseDeadline('Đăng ký đất đai, tài sản gắn liền với đất lần đầu là không quá 20 ngày làm việc. OTHER')
        .value,
    ).toBe(20);
    expect(
      parseDeadline(
        'Thực hiện trong ngày làm việc; nếu nhận hồ sơ sau 15 giờ thì trả trong ngày tiếp theo OTHER',
      ).problem?.kind,
    ).toBe('deadline_unparsed');
  });

  it('refuses to pick one of several cases or steps', () => {
    for (const raw of [
      'a) Không quá 10 ngày làm việc đối với trường hợp đăng ký lần đầu; b) Không quá 05 ngày làm việc đối với trường hợp khác. OTHER',
      '- 03 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ; - 07 ngày làm việc trong trường hợp cần kiểm tra thực tế OTHER',
      '02 tháng và 15 ngày làm việc OTHER',
    ]) {
      expect(parseDeadline(raw)).toMatchObject({
        value: null,
        unit: 'other',
        problem: { kind: 'deadline_unparsed' },
      });
    }
  });

  it('keeps the number of "N OTHER" but notes the unknown unit, unless the description names it', () => {
    expect(parseDeadline('1 OTHER')).toMatchObject({
      value: 1,
      unit: 'other',
      text: '1 (đơn vị khác)',
      problem: { kind: 'deadline_unit_other' },
    });
    expect(parseDeadline('5 OTHER', '05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ')).toEqual({
      value: 5,
      unit: 'working_day',
      text: '5 ngày làm việc',
      problem: null,
    });
  });

  it('follows "Theo mô tả" to the description, and reports an empty deadline as missing', () => {
    expect(
      parseDeadline('Theo mô tả OTHER', 'Không quá 15 ngày làm việc. Trong đó: - tại Sở: 12 ngày làm việc'),
    ).toMatchObject({
      value: 15,
      unit: 'working_day',
      problem: null,
    });
    expect(parseDeadline(' OTHER').problem?.kind).toBe('deadline_missing');
    expect(parseDeadline('Không quy định OTHER').problem?.kind).toBe('deadline_missing');
    expect(parseDeadline('Tùy theo từng trường hợp OTHER').problem?.kind).toBe('deadline_unparsed');
  });
});

describe('fees', () => {
  it.each([
    ['50000 VNĐ (Lệ phí cấp giấy chứng nhận)', 50000],
    ['0 VNĐ ()', 0],
    ['0 VNĐ (Không)', 0],
    ['0 VNĐ (Miễn phí)', 0],
    ['0 VNĐ (Không quy định.)', 0],
    ['Không', 0],
    ['Miễn phí', 0],
    ['50.000 đồng', 50000],
    ['Lệ phí: 1.500.000đ/hồ sơ', 1500000],
    ['1,5 triệu đồng/lần', 1500000],
    ['20 VNĐ (20.000 vnđ /tờ khai)', 20000],
    ['0 VNĐ ((áp dụng mức phí 2.500.000 đồng/hồ sơ kể từ ngày 01/7/2025))', 2500000],
    ['30000 VNĐ (Chứng nhận lãnh sự) | 30000 VNĐ (Hợp pháp hoá lãnh sự)', 30000],
  ])('reads %j as %d VND', (raw, vnd) => {
    expect(parseFee(raw)).toEqual({ vnd, text: raw, problem: null });
  });

  it.each([
    ['Không có thông tin', 'fee_missing'],
    [' | ', 'fee_missing'],
    ['', 'fee_missing'],
    ['0 VNĐ (Theo quy định của Bộ Tài chính) | 0 VNĐ (Theo quy định của Bộ Tài chính)', 'fee_unparsed'],
    ['Chi tiết tại Biểu phí, lệ phí kèm theo', 'fee_unparsed'],
    ['50000 VNĐ (Cấp mới) | 100000 VNĐ (Cấp lại)', 'fee_ambiguous'],
    ['Từ 50.000 đồng đến 100.000 đồng tùy loại', 'fee_ambiguous'],
    ['0 VNĐ (Lệ phí bằng 0,1% giá trị tài sản)', 'fee_ambiguous'],
    ['10 VNĐ (10 USD/lần)', 'fee_foreign_currency'],
    ['20 VNĐ ()', 'fee_suspect_amount'],
  ])('keeps %j unknown (%s)', (raw, kind) => {
    expect(parseFee(raw)).toEqual({
      vnd: null,
      text: raw.trim(),
      problem: { kind, detail: expect.any(String) as string },
    });
  });
});

describe('parseNationalRecord', () => {
  it('reads a clean record completely, with no problems', () => {
    const { procedure, problems } = parseNationalRecord(record(), 'Data_DVC/1.000017.txt');
    expect(problems).toEqual([]);
    expect(procedure).toMatchObject({
      code: '1.000017',
      level: 'Cấp Bộ/Trung ương',
      field: 'Đăng kiểm',
      agency: 'Cục Đăng kiểm Việt Nam',
      decisionNo: '2267/QĐ-BXD',
      procedureType: 'TTHC được luật giao quy định chi tiết',
      resultText: 'Giấy chứng nhận chất lượng an toàn kỹ thuật',
      applicantTypes: 'Công dân Việt Nam, Doanh nghiệp',
    });
    const feeText = '50000 VNĐ (Lệ phí cấp giấy chứng nhận)';
    const mode = {
      deadlineValue: 1,
      deadlineUnit: 'working_day',
      deadlineText: '1 ngày làm việc',
      feeVnd: 50000,
      feeText,
      fee: { basis: 'fixed', amountVnd: 50000, unit: null, tiers: [], capVnd: null, perCopy: false, text: feeText, source: null },
      feeVariants: [],
    };
    expect(procedure?.modes).toEqual([
      { mode: 'online', ...mode },
      { mode: 'direct', ...mode },
    ]);
    expect(procedure?.documents[0]?.key).toMatch(/^ban-chinh-hoac-ban-dien-tu-[0-9a-f]{6}$/);
    expect(procedure?.documents.map(({ key: _key, ...doc }) => doc)).toEqual([
      {
        name: 'Bản chính hoặc bản điện tử Đơn đề nghị cấp lại Giấy chứng nhận theo mẫu quy định',
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
      },
    ]);
    expect(procedure).toMatchObject({ cases: [], notes: [], subject: null });
  });

  it('joins a name split over two lines and ignores look-alike keys inside other fields', () => {
    const text = record({
      name: 'Thủ tục điều chỉnh Quyết định chấp thuận nhà đầu tư thuộc thẩm \nquyền của Chủ tịch Uỷ ban nhân dân cấp tỉnh',
    });
    const { procedure } = parseNationalRecord(text);
    expect(procedure?.name).toBe(
      'Thủ tục điều chỉnh Quyết định chấp thuận nhà đầu tư thuộc thẩm quyền của Chủ tịch Uỷ ban nhân dân cấp tỉnh',
    );
    expect(procedure?.field).toBe('Đăng kiểm');
  });

  it('starts a name written in lower case with a capital, as it heads the intake screen and the receipt', () => {
    expect(parseNationalRecord(record({ name: 'cung cấp thông tin, dữ liệu đất đai' })).procedure?.name).toBe('Cung cấp thông tin, dữ liệu đất đai');
    expect(parseNationalRecord(record({ name: 'đăng ký lại khai sinh' })).procedure?.name).toBe('Đăng ký lại khai sinh');
    expect(parseNationalRecord(record({ name: 'ưu đãi đầu tư (iPhone, eID)' })).procedure?.name).toBe('Ưu đãi đầu tư (iPhone, eID)');
  });

  it('keeps the mode description with the deadline and reports a mode listed twice', () => {
    const modes = `  * Hình thức nộp: DIRECT
    Thời hạn giải quyết: 1 WORKING_DAY
    Phí, lệ phí: Không có thông tin
    Mô tả: Tiếp nhận và kiểm tra thành phần hồ sơ ngay trong ngày làm việc.
  * Hình thức nộp: DIRECT
    Thời hạn giải quyết: 2 WORKING_DAY
    Phí, lệ phí: Không có thông tin
    Mô tả: Thẩm định hồ sơ và trả kết quả: 02 ngày làm việc,
kể từ khi nhận đủ hồ sơ theo quy định.
  * Hình thức nộp: FAX
    Thời hạn giải quyết: 1 WORKING_DAY
    Phí, lệ phí: 0 VNĐ ()`;
    const { procedure, problems } = parseNationalRecord(record({ modes }));
    expect(procedure?.modes.map((m) => [m.mode, m.deadlineValue, m.feeVnd])).toEqual([
      ['direct', 1, null],
      ['direct', 2, null],
    ]);
    expect(procedure?.modes[1]?.deadlineText).toBe(
      '2 ngày làm việc — Thẩm định hồ sơ và trả kết quả: 02 ngày làm việc, kể từ khi nhận đủ hồ sơ theo quy định.',
    );
    expect(problems.map((p) => [p.field, p.kind])).toEqual([
      ['modes[0].fee', 'fee_missing'],
      ['modes[1].fee', 'fee_missing'],
      ['modes[2]', 'mode_unknown'],
      ['modes', 'duplicate_mode'],
    ]);
  });

  it('splits documents to submit from documents to show, cleans names, and reads requirements and conditions', () => {
    const components = `  [ * Giấy tờ phải nộp: ]
    - - a) Tờ khai đăng ký khai sinh theo mẫu;
      Số lượng: Bản chính: 1, Bản sao: 0
    - + Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh
      Số lượng: Bản chính: 1, Bản sao: 0
    - Giấy tờ chứng minh nơi cư trú (nếu có)
      Số lượng: Bản chính: 0, Bản sao: 1
    - 
      Số lượng: Bản chính: 1, Bản sao: 0
  [ * Giấy tờ phải xuất trình: ]
    - - Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước
còn giá trị sử dụng
      Số lượng: Bản chính: 1, Bản sao: 0
    - Bản sao Giấy chứng nhận đăng ký kết hôn
      Số lượng: một bản
  [ Trường hợp ủy quyền cho đơn vị cung cấp dịch vụ bưu chính công ích: ]
    - Giấy ủy quyền
      Số lượng: Bản chính: 1, Bản sao: 0`;
    const { procedure, problems } = parseNationalRecord(record({ components }));
    const docs = procedure?.documents ?? [];
    expect(docs.map((d) => [d.kind, d.name, d.originals, d.copies, d.requirement, d.condition, d.pageKind])).toEqual([
      ['submit', 'Tờ khai đăng ký khai sinh theo mẫu', 1, 0, 'required', null, 'form'],
      [
        'submit',
        'Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh',
        1,
        0,
        'conditional',
        'trường hợp ủy quyền thực hiện việc đăng ký khai sinh',
        'document',
      ],
      ['submit', 'Giấy tờ chứng minh nơi cư trú (nếu có)', 0, 1, 'optional', null, 'document'],
      ['show', 'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước còn giá trị sử dụng', 1, 0, 'required', null, 'id_card'],
      ['show', 'Bản sao Giấy chứng nhận đăng ký kết hôn', null, null, 'required', null, 'document'],
      // an authorisation header adds documents on its condition; it is not a case to choose
      [
        'show',
        'Giấy ủy quyền',
        1,
        0,
        'conditional',
        'trường hợp ủy quyền cho đơn vị cung cấp dịch vụ bưu chính công ích',
        'document',
      ],
    ]);
    expect(procedure?.cases).toEqual([]);
    expect(new Set(docs.map((d) => d.key)).size).toBe(docs.length);
    expect(problems.map((p) => [p.field, p.kind])).toEqual([
      ['components[3]', 'component_name_missing'],
      ['components[5]', 'component_count_unparsed'],
    ]);
  });

  it('turns other headers into cases with stable keys, and guidance items into notes', () => {
    const components = `  [ a) Đối với cấp mới: ]
    - Đơn đề nghị cấp giấy phép
      Số lượng: Bản chính: 1, Bản sao: 0
    - Trường hợp đơn vị đã có giấy phép thì không phải nộp lại bản sao giấy phép cũ.
      Số lượng: Bản chính: 0, Bản sao: 0
  [ b) Đối với cấp lại, hồ sơ gồm: ]
    - Giấy phép đã cấp (nếu có)
      Số lượng: Bản chính: 1, Bản sao: 0
  [ * Lưu ý: ]
    - Người tiếp nhận có trách nhiệm kiểm tra tính hợp lệ của hồ sơ.
      Số lượng: Bản chính: 0, Bản sao: 0`;
    const first = parseNationalRecord(record({ components })).procedure;
    expect(first?.cases.map((c) => [c.key, c.name, c.documents.map((d) => [d.name, d.requirement])])).toEqual([
      ['doi-voi-cap-moi', 'Đối với cấp mới', [['Đơn đề nghị cấp giấy phép', 'required']]],
      ['doi-voi-cap-lai', 'Đối với cấp lại', [['Giấy phép đã cấp (nếu có)', 'optional']]],
    ]);
    expect(first?.documents).toEqual([]);
    expect(first?.notes).toEqual([
      {
        text: 'Trường hợp đơn vị đã có giấy phép thì không phải nộp lại bản sao giấy phép cũ.',
        caseKey: 'doi-voi-cap-moi',
      },
      { text: 'Người tiếp nhận có trách nhiệm kiểm tra tính hợp lệ của hồ sơ.', caseKey: null },
    ]);
    // the same record always gives the same keys: corrections follow documents across catalog updates
    const again = parseNationalRecord(record({ components })).procedure;
    expect(again?.cases.flatMap((c) => c.documents.map((d) => d.key))).toEqual(
      first?.cases.flatMap((c) => c.documents.map((d) => d.key)),
    );
  });

  it('reports a record with no modes and no components, keeping the rest', () => {
    const text = record({ modes: '', components: '  Không có thông tin thành phần hồ sơ.' });
    const { procedure, problems } = parseNationalRecord(text);
    expect(procedure?.modes).toEqual([]);
    expect(procedure?.documents).toEqual([]);
    expect(problems.map((p) => p.kind)).toEqual(['no_modes', 'no_components']);
    expect(problems[1]?.detail).toBe('Không có thông tin thành phần hồ sơ.');
  });

  it('reports missing fields and odd codes, and takes the code from the file name when the text has none', () => {
    expect(kinds(record({ name: '', level: 'Không có thông tin', agency: 'Không có thông tin' }))).toEqual([
      'missing_name',
      'missing_level',
      'missing_agency',
    ]);
    expect(parseNationalRecord(record({ name: '' })).procedure?.name).toBe('Thủ tục 1.000017');
    expect(kinds(record({ code: '1.014955-Xoa' }), 'Data_DVC/1.014955-Xoa.txt')).toEqual(['code_unusual']);
    expect(kinds(record({ code: '1.000017' }), 'Data_DVC/1.000018.txt')).toEqual(['code_mismatch']);
    const noCode = record({ code: '' });
    expect(parseNationalRecord(noCode, 'Data_DVC/2.000986.txt').procedure?.code).toBe('2.000986');
    expect(kinds(noCode, 'Data_DVC/2.000986.txt')).toEqual(['code_from_file_name']);
    const unusable = parseNationalRecord(noCode);
    expect(unusable.procedure).toBeNull();
    expect(unusable.problems.map((p) => p.kind)).toEqual(['code_missing']);
  });
});

describe('record sources and the report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-parse-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the same records from a folder and from a .tar.gz (long names included), and counts records per problem kind', () => {
    const folder = join(dir, 'Data_DVC');
    const deep = join(folder, 'a'.repeat(60), 'b'.repeat(60));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(folder, '1.000017.txt'), record());
    writeFileSync(
      join(folder, '1.000018.txt'),
      record({ code: '1.000018', agency: 'Không có thông tin', modes: '' }),
    );
    writeFileSync(
      join(deep, '1.000019.txt'),
      `\uFEFF${record({ code: '1.000019', agency: 'Không có thông tin' }).replace(/\n/g, '\r\n')}`,
    );
    writeFileSync(join(folder, 'README.md'), 'not a record');
    const archive = join(dir, 'records.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', dir, 'Data_DVC']);

    for (const source of [folder, archive]) {
      const { procedures, report } = parseRecordSource(source);
      expect(procedures.map((p) => p.code).sort()).toEqual(['1.000017', '1.000018', '1.000019']);
      expect(procedures.find((p) => p.code === '1.000019')?.agency).toBeNull();
      expect(report).toMatchObject({ total: 3, stored: 3, skipped: 0, recordsWithProblems: 2 });
      expect(report.kinds).toEqual([
        { kind: 'missing_agency', records: 2, occurrences: 2 },
        { kind: 'no_modes', records: 1, occurrences: 1 },
      ]);
    }
  });

  it('writes one line per problem under the summary, and notes a code seen twice', () => {
    const { report } = parseRecords(
      [
        { name: 'x/1.000017.txt', text: record({ modes: '' }), mtimeMs: 0 },
        { name: 'y/1.000017.txt', text: record(), mtimeMs: 0 },
        { name: 'z/empty.txt', text: '', mtimeMs: 0 },
      ],
      'test',
    );
    expect(report).toMatchObject({ total: 3, stored: 1, skipped: 1 });
    const text = formatReport(report);
    expect(text).toContain('Thủ tục lưu được: 1');
    expect(text).toContain('1.000017\tmodes\tno_modes\tkhông có hình thức nộp nào');
    expect(text).toContain('1.000017\tcode\tcode_duplicate\t');
    expect(text).toContain('z/empty.txt\tcode\tcode_missing\t');
  });
});
