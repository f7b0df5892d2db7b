// Canary citizens for the plaintext-on-disk tests, and a byte search through files in every encoding they could take.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { foldVietnamese } from '../../electron/common/text';

export type Canary = {
  fullName: string;
  idNumber: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  phone: string;
  address: string;
  email: string;
  /** printed on the page image, read back by OCR */
  pageWord: string;
  fileName: string;
};

/** Two canary citizens: names, numbers and words found nowhere else in the app, its catalog or its fonts. */
export const canaries: Canary[] = [
  {
    fullName: 'Khổng Thị Thuỵ Miên',
    idNumber: '001187463529',
    dateOfBirth: '1987-04-12',
    sex: 'female',
    phone: '0912468357',
    address: 'Số 47 ngách Quỳnh Khổng, phường Tây Hồ, Hà Nội',
    email: 'thuymien.canary@example.vn',
    pageWord: 'CANARYQUOKKA',
    fileName: 'cccd-khong-thuy-mien.jpg',
  },
  {
    fullName: 'Lục Văn Khuyến Ngữ',
    idNumber: '079094518276',
    dateOfBirth: '1994-10-03',
    sex: 'male',
    phone: '0987315642',
    address: 'Số 9 hẻm Khuyến Lục, phường Bến Thành, TP. Hồ Chí Minh',
    email: 'khuyenngu.canary@example.vn',
    pageWord: 'CANARYWOMBAT',
    fileName: 'giay-to-luc-khuyen-ngu.jpg',
  },
];

export type Needle = { label: string; bytes: Buffer };

function encodings(label: string, text: string): Needle[] {
  const out: Needle[] = [];
  for (const [form, value] of [['NFC', text.normalize('NFC')], ['NFD', text.normalize('NFD')]] as const) {
    const le = Buffer.from(value, 'utf16le');
    const be = Buffer.from(le).swap16();
    out.push(
      { label: `${label} (${form} UTF-8)`, bytes: Buffer.from(value, 'utf8') },
      { label: `${label} (${form} UTF-16LE)`, bytes: le },
      { label: `${label} (${form} UTF-16BE)`, bytes: be },
    );
  }
  // NFC and NFD are the same bytes for ASCII text: keep one of each
  return out.filter((n, i) => out.findIndex((m) => m.bytes.equals(n.bytes)) === i);
}

/** Everything of one canary citizen a plaintext leak would show: as typed, folded for search, in every encoding. */
export function canaryNeedles(c: Canary, extra: Record<string, string> = {}): Needle[] {
  const texts: Record<string, string> = {
    name: c.fullName,
    'name (folded)': foldVietnamese(c.fullName),
    'ID number': c.idNumber,
    phone: c.phone,
    address: c.address,
    'address (folded)': foldVietnamese(c.address),
    email: c.email,
    'page word': c.pageWord,
    'file name': c.fileName,
    ...extra,
  };
  return Object.entries(texts).flatMap(([label, text]) => encodings(label, text));
}

/** Signatures of plaintext files: any JPEG, PNG, PDF, EXIF block or plaintext SQLite database inside any file. */
export const plaintextSignatures: Needle[] = [
  { label: 'JPEG (JFIF)', bytes: Buffer.from('JFIF\0', 'latin1') },
  { label: 'EXIF', bytes: Buffer.from('Exif\0\0', 'latin1') },
  { label: 'PNG', bytes: Buffer.from('\x89PNG\r\n\x1a\n', 'latin1') },
  { label: 'PDF', bytes: Buffer.from('%PDF-1', 'latin1') },
  { label: 'SQLite plaintext', bytes: Buffer.from('SQLite format 3\0', 'latin1') },
];

export function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) out.push(path);
    }
  };
  walk(root);
  return out;
}

export type Finding = { file: string; needle: string; at: number };

/** Every needle found in every file under the roots (relative paths), or an empty list. */
export function searchFiles(roots: string[], needles: Needle[]): { findings: Finding[]; files: number; bytes: number } {
  const findings: Finding[] = [];
  let files = 0;
  let bytes = 0;
  for (const root of roots) {
    for (const file of filesUnder(root)) {
      const body = readFileSync(file);
      files++;
      bytes += body.length;
      for (const n of needles) {
        const at = body.indexOf(n.bytes);
        if (at >= 0) findings.push({ file: relative(root, file) || file, needle: n.label, at });
      }
    }
  }
  return { findings, files, bytes };
}
