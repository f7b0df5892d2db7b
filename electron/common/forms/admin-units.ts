// Provinces and communes after the 1/7/2025 reform (no district level): lookup, address text, matching typed names.
import { z } from 'zod';
import { foldVietnamese, tidyText } from '../text';

/** resources/admin-units/admin-units.json; communes as [code, name] pairs to keep the file small. */
export const adminUnitsFileSchema = z.object({
  format: z.literal('dai-ly-dvc-admin-units'),
  version: z.literal(1),
  effectiveFrom: z.string(),
  source: z.record(z.string(), z.string()),
  provinces: z
    .array(
      z.object({
        code: z.string().regex(/^\d{2}$/),
        name: z.string().min(1),
        short: z.string().min(1),
        communes: z.array(z.tuple([z.string().regex(/^\d{5}$/), z.string().min(1)])).min(1),
      }),
    )
    .length(34, 'cần đúng 34 tỉnh, thành phố'),
});
export type AdminUnitsFile = z.infer<typeof adminUnitsFileSchema>;

export type Province = { code: string; name: string; short: string };
export type Commune = { code: string; name: string; provinceCode: string };

export type AdminUnits = {
  provinces: readonly Province[];
  province(code: string): Province | null;
  commune(code: string): Commune | null;
  communesOf(provinceCode: string): readonly Commune[];
  source: Record<string, string>;
};

export function createAdminUnits(file: AdminUnitsFile): AdminUnits {
  const provinces = file.provinces.map((p) => ({ code: p.code, name: p.name, short: p.short }));
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  const communesByProvince = new Map<string, Commune[]>();
  const communeByCode = new Map<string, Commune>();
  for (const p of file.provinces) {
    const list = p.communes.map(([code, name]) => ({ code, name, provinceCode: p.code }));
    communesByProvince.set(p.code, list);
    for (const c of list) communeByCode.set(c.code, c);
  }
  return {
    provinces,
    province: (code) => provinceByCode.get(code) ?? null,
    commune: (code) => communeByCode.get(code) ?? null,
    communesOf: (code) => communesByProvince.get(code) ?? [],
    source: file.source,
  };
}

/** A structured address as forms store it; `text` is the free form where the field allows it (abroad, old names). */
export type AddressValue = { detail?: string; communeCode?: string; provinceCode?: string; text?: string };

/** "12 Lý Thường Kiệt, Phường Cửa Nam, Thành phố Hà Nội" (or the free text). */
export function formatAddress(value: AddressValue, units: AdminUnits): string {
  const commune = value.communeCode ? units.commune(value.communeCode) : null;
  const province = value.provinceCode ? units.province(value.provinceCode) : null;
  const parts = [value.detail, commune?.name, province?.name].map((p) => (p ? tidyText(p) : '')).filter((p) => p !== '');
  if (parts.length === 0 || (!commune && !province)) return tidyText([value.detail, value.text].filter(Boolean).join(', '));
  return parts.join(', ');
}

const stripUnitWord = (name: string) =>
  foldVietnamese(name).replace(/^(tinh|thanh pho|tp\.?|phuong|xa|dac khu|thi tran)\s+/, '').replace(/[^a-z0-9 ]/g, '').trim();

/**
 * Reads a written address ("Số 5, Phường Ba Đình, Thành phố Hà Nội", as a QR or OCR gives it) into the structure:
 * the last part naming a province, then a commune of that province; what precedes is the detail. Returns the free
 * text alone when no current province and commune are named (pre-2025 addresses): the agent picks them.
 */
export function parseAddressText(text: string, units: AdminUnits): AddressValue {
  const parts = tidyText(text).split(',').map((p) => p.trim()).filter((p) => p !== '');
  const provinceKeys = new Map(units.provinces.map((p) => [stripUnitWord(p.short), p]));
  for (let i = parts.length - 1; i >= 1; i--) {
    const part = parts[i];
    if (part === undefined) continue;
    const province = provinceKeys.get(stripUnitWord(part.replace(/^(TP\.?\s*)/i, '')));
    if (!province) continue;
    const communePart = parts[i - 1] ?? '';
    const communes = units.communesOf(province.code);
    const exact = communes.find((c) => foldVietnamese(c.name) === foldVietnamese(communePart));
    const bare = exact ?? communes.filter((c) => stripUnitWord(c.name) === stripUnitWord(communePart));
    const commune = Array.isArray(bare) ? (bare.length === 1 ? bare[0] : undefined) : bare;
    if (!commune) return { provinceCode: province.code, text: tidyText(text) };
    const detail = parts.slice(0, i - 1).join(', ');
    return { ...(detail ? { detail } : {}), communeCode: commune.code, provinceCode: province.code };
  }
  return { text: tidyText(text) };
}
