// Splits a national record's text into its top-level "Key: value" fields, in the portal's fixed order.

/** The record template's keys, in the order the scraper writes them. */
export const recordKeys = [
  'Mã thủ tục',
  'Số quyết định',
  'Tên thủ tục',
  'Cấp thực hiện',
  'Loại thủ tục',
  'Lĩnh vực',
  'Trình tự thực hiện',
  'Cách thức thực hiện',
  'Thành phần hồ sơ',
  'Đối tượng thực hiện',
  'Cơ quan thực hiện',
  'Cơ quan có thẩm quyền',
  'Địa chỉ tiếp nhận HS',
  'Cơ quan được ủy quyền',
  'Cơ quan phối hợp',
  'Kết quả thực hiện',
  'Căn cứ pháp lý',
  'Yêu cầu, điều kiện thực hiện',
  'Từ khóa',
  'Mô tả',
] as const;
export type RecordKey = (typeof recordKeys)[number];

export type RecordSections = Partial<Record<RecordKey, string[]>>;

/** Zero-width and direction marks that the portal leaves inside words ("k‎ý"). */
const invisible = /[\u200B-\u200F\u202A-\u202E\u2060\uFEFF]/g;

export function cleanRecordText(text: string): string {
  return text.normalize('NFC').replace(invisible, '').replace(/\r\n?/g, '\n');
}

/**
 * Each key starts a field only at column 0, only once, and only after the keys before it: free text
 * inside a field ("Mô tả: ... Từ khóa: ...") cannot start a new field by accident.
 * A field's lines are its first line's rest followed by every line up to the next field.
 */
export function splitRecord(text: string): RecordSections {
  const sections: RecordSections = {};
  let current: string[] | null = null;
  let lastIndex = -1;
  for (const line of cleanRecordText(text).split('\n')) {
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon) : '';
    const index = recordKeys.indexOf(key as RecordKey);
    if (index > lastIndex) {
      lastIndex = index;
      current = [line.slice(colon + 1).replace(/^ /, '')];
      sections[recordKeys[index] as RecordKey] = current;
    } else if (current) {
      current.push(line);
    }
  }
  return sections;
}
