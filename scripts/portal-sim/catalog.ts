// The simulator's procedure catalog: a small built-in one, or a catalog JSON file in the app's format.
import { readFileSync } from 'node:fs';
import { nfc } from '../../electron/common/text';
import {
  portalCatalogSchema,
  type CatalogProcedure,
  type PortalCatalog,
} from '../../electron/core/sync/portal-protocol';

const online = (days: number, feeVnd: number | null, feeText: string) => ({
  mode: 'online' as const,
  deadlineValue: days,
  deadlineUnit: 'working_day' as const,
  deadlineText: `${days} ngày làm việc`,
  feeVnd,
  feeText,
});
const direct = (days: number, feeVnd: number | null, feeText: string) => ({
  ...online(days, feeVnd, feeText),
  mode: 'direct' as const,
});
const submit = (name: string, required: boolean, originals = 1, copies = 0) => ({
  kind: 'submit' as const,
  name,
  originals,
  copies,
  required,
});

// Codes and names follow the national procedure database; components are shortened for the simulator.
const builtInProcedures: CatalogProcedure[] = [
  {
    code: '1.001193',
    name: 'Thủ tục đăng ký khai sinh',
    level: 'Cấp Xã',
    field: 'Hộ tịch',
    agency: 'Ủy ban nhân dân cấp xã',
    modes: [online(1, 0, 'Miễn lệ phí'), direct(1, 0, 'Miễn lệ phí')],
    components: [
      submit('Tờ khai đăng ký khai sinh', true),
      submit('Giấy chứng sinh', true),
      submit('Văn bản ủy quyền (nếu có)', false),
    ],
  },
  {
    code: '1.000894',
    name: 'Thủ tục đăng ký kết hôn',
    level: 'Cấp Xã',
    field: 'Hộ tịch',
    agency: 'Ủy ban nhân dân cấp xã',
    modes: [online(1, 0, 'Miễn lệ phí'), direct(1, 0, 'Miễn lệ phí')],
    components: [
      submit('Tờ khai đăng ký kết hôn', true),
      submit('Giấy xác nhận tình trạng hôn nhân', true),
      { kind: 'show', name: 'Thẻ căn cước của hai bên nam, nữ', originals: 1, copies: 0, required: true },
    ],
  },
  {
    code: '1.004222',
    name: 'Đăng ký thường trú',
    level: 'Cấp Xã',
    field: 'Đăng ký, quản lý cư trú',
    agency: 'Công an cấp xã',
    modes: [online(7, 10000, '10.000 đồng/lần đăng ký'), direct(7, 20000, '20.000 đồng/lần đăng ký')],
    components: [
      submit('Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', true),
      submit('Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', true),
    ],
  },
  {
    code: '2.000635',
    name: 'Cấp bản sao trích lục hộ tịch',
    level: 'Cấp Xã',
    field: 'Hộ tịch',
    agency: 'Ủy ban nhân dân cấp xã',
    modes: [online(1, 8000, '8.000 đồng/bản sao'), direct(1, 8000, '8.000 đồng/bản sao')],
    components: [
      submit('Tờ khai cấp bản sao trích lục hộ tịch', true),
      submit('Văn bản ủy quyền (nếu có)', false),
    ],
  },
];

export function loadSimCatalog(file: string | undefined, nowIso: string): PortalCatalog {
  if (!file) {
    return {
      format: 'dai-ly-dvc-catalog',
      version: 1,
      catalogVersion: 'portal-sim-1',
      exportedAt: nowIso,
      procedures: builtInProcedures,
    };
  }
  const parsed = portalCatalogSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`portal-sim: ${file} is not a dai-ly-dvc-catalog v1 file: ${parsed.error.message}`);
  return parsed.data;
}

export function findProcedure(catalog: PortalCatalog, code: string): CatalogProcedure | undefined {
  return catalog.procedures.find((p) => p.code === code);
}

/** Component names compared the way an agent would read them: NFC, collapsed spaces, case-insensitive. */
export function sameComponentName(a: string, b: string): boolean {
  const norm = (s: string) => nfc(s).replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}
