// Fields of a Giấy chứng sinh (mẫu of TT 56/2017/TT-BYT Phụ lục 5, now TT 22/2025/TT-BYT mẫu 01) read from its OCR.
import type { OcrBox, OcrWord } from '../ocr/ocr-engine';
import { dateAndTime, parseDateTime, type DateTimeRead } from './date-time';
import { LOW_CONFIDENCE, type BirthCertificateField, type ExtractedField } from './extracted-field';
import { idNumberFit, parseIdNumber } from './id-number';
import { findAnchors, tokensBetween, type Anchor, type LabelSpec } from './label-anchors';
import { ocrLines, type LineToken, type OcrInput, type OcrLine } from './ocr-lines';
import { readPageHeader } from './page-header';
import { parsePlace } from './place-value';
import { parseName, parseSex, parseYear, type ParsedValue } from './text-values';
import { wordConfidence, writtenTokens } from './value-pieces';

type LabelId =
  | 'motherName'
  | 'motherYear'
  | 'residence'
  | 'insurance'
  | 'idNumber'
  | 'issueDate'
  | 'issuePlace'
  | 'ethnicity'
  | 'fatherName'
  | 'born'
  | 'place'
  | 'children'
  | 'sex'
  | 'weight'
  | 'childName'
  | 'note';

/**
 * The printed labels as letter keys (accents folded, no spaces), most specific first. The ID line has been printed
 * as "Giấy CMND/Thẻ căn cước/Hộ chiếu số" (2017), "Số định danh cá nhân/Hộ chiếu" and "Số CCCD" since; all are keys.
 * Labels that are not read still matter: they end the value of the label before them on the same line.
 */
const labels: readonly LabelSpec<LabelId>[] = [
  { id: 'motherName', keys: ['hovatenmenguoinuoiduong', 'hovatenme', 'hotenme'] },
  { id: 'motherYear', keys: ['namsinh'] },
  { id: 'residence', keys: ['noidangkythuongtru', 'noithuongtru', 'noicutru'] },
  { id: 'insurance', keys: ['masobhxhthebhytso', 'masobhxh', 'thebhytso'] },
  {
    id: 'idNumber',
    keys: [
      'giaycmndthecancuochochieuso',
      'sodinhdanhcanhancccd',
      'sodinhdanhcanhanhochieu',
      'sodinhdanhcanhan',
      'socancuoccongdan',
      'socccdhochieu',
      'socccd',
      'cccd',
    ],
  },
  { id: 'issueDate', keys: ['ngaycap'] },
  { id: 'issuePlace', keys: ['noicap'] },
  { id: 'ethnicity', keys: ['dantoc'] },
  { id: 'fatherName', keys: ['hovatencha'] },
  { id: 'born', keys: ['dasinhconvaoluc', 'sinhconvaoluc', 'sinhconluc'] },
  { id: 'place', keys: ['tai'], lineStart: true },
  { id: 'children', keys: ['socontronglansinhnay', 'socontronglansinh'] },
  { id: 'sex', keys: ['gioitinhcuacon', 'gioitinh'] },
  { id: 'weight', keys: ['cannang'] },
  { id: 'childName', keys: ['dudinhdattenconla', 'dudinhdattencon', 'dattenconla', 'hovatencon'] },
  { id: 'note', keys: ['ghichu'] },
];

/**
 * Where a value was written: the words after its label that are no leader (the parsed ones and any debris beside them)
 * and the label's own box, so a second look can cut the value's line out of the image (value-reread.ts).
 */
export type ValueSpan = {
  words: OcrWord[];
  parsed: OcrWord[];
  label: OcrBox | null;
  lineHeight: number;
  /** the label's end when OCR glued it to the value's first word ("là:..Dương"): its text, and where the value starts */
  lead: { text: string; x: number } | null;
};
export type BirthCertificateExtraction = {
  fields: ExtractedField[];
  spans: Partial<Record<BirthCertificateField, ValueSpan>>;
};

type Page = { lines: OcrLine[]; anchors: Anchor<LabelId>[] };

/** The box around a label's words (from the token of its first letter to that of its last). */
function labelBox(anchor: Anchor<LabelId>): OcrBox | null {
  const words = anchor.line.tokens
    .slice(anchor.start.token, anchor.end.token + 1)
    .flatMap((t) => (t.word ? [t.word.bbox] : []));
  if (words.length === 0) return null;
  return {
    x0: Math.min(...words.map((b) => b.x0)),
    y0: Math.min(...words.map((b) => b.y0)),
    x1: Math.max(...words.map((b) => b.x1)),
    y1: Math.max(...words.map((b) => b.y1)),
  };
}

function spanOf(anchor: Anchor<LabelId>, tokens: readonly LineToken[], parsed: OcrWord[]): ValueSpan {
  const written = writtenTokens(tokens, anchor.line.height);
  const chosen = written.length > 0 ? written : writtenTokens(tokens, anchor.line.height, { withFlat: true });
  const words = chosen.flatMap((t) => (t.word ? [t.word] : []));
  const shared = anchor.line.tokens[anchor.end.token];
  const glued = shared?.word && shared.word === words[0] && anchor.end.offset > 0 ? shared : null;
  const lead =
    glued?.word && glued.text.length > 0
      ? {
          text: glued.text.slice(0, anchor.end.offset),
          x:
            glued.word.bbox.x0 +
            ((glued.word.bbox.x1 - glued.word.bbox.x0) * anchor.end.offset) / glued.text.length,
        }
      : null;
  return { words, parsed, label: labelBox(anchor), lineHeight: anchor.line.height, lead };
}

/** The closest match of a label (cost per letter, then the earliest), optionally only below a line. */
function anchorOf(page: Page, id: LabelId, below?: number): Anchor<LabelId> | null {
  const found = page.anchors.filter((a) => a.id === id && (below === undefined || a.line.index > below));
  found.sort((a, b) => a.cost / a.length - b.cost / b.length || a.line.index - b.line.index);
  return found[0] ?? null;
}

/** The value's tokens: from the label to the next label on its line (or the line's end). */
function valueTokens(page: Page, anchor: Anchor<LabelId>) {
  const next = page.anchors.find(
    (a) =>
      a.line === anchor.line &&
      (a.start.token > anchor.end.token ||
        (a.start.token === anchor.end.token && a.start.offset >= anchor.end.offset)),
  );
  return tokensBetween(anchor.line, anchor.end, next ? next.start : null);
}

/**
 * Confidence: tesseract's in the value's words, lowered by the value's doubts (repairs, a label read with slips), then
 * raised by the share of the remaining doubt that an independent check removes.
 */
function field(
  name: BirthCertificateField,
  parsed: ParsedValue,
  line: string,
  labelCost = 0,
): ExtractedField {
  const base = wordConfidence(parsed.words) * parsed.factor * (1 - 0.08 * labelCost);
  const confidence =
    Math.round(Math.max(0, Math.min(1, base + (1 - base) * (parsed.support ?? 0))) * 100) / 100;
  return {
    field: name,
    value: parsed.value,
    confidence,
    lowConfidence: confidence < LOW_CONFIDENCE,
    evidence: { line, words: parsed.words },
    notes: parsed.notes,
  };
}

/** A written value after its label: the run of words up to the next column, parsed. */
function read(
  page: Page,
  id: LabelId,
  parse: (tokens: ReturnType<typeof valueTokens>) => ParsedValue | null,
  below?: number,
) {
  const anchor = anchorOf(page, id, below);
  if (!anchor) return null;
  const tokens = valueTokens(page, anchor);
  const parsed = parse(writtenTokens(tokens, anchor.line.height));
  if (parsed) return { parsed, anchor, span: spanOf(anchor, tokens, parsed.words) };
  // nothing without the words taken for leader debris: try again with them, trusting the result less
  const retried = parse(writtenTokens(tokens, anchor.line.height, { withFlat: true }));
  const span = spanOf(anchor, tokens, retried?.words ?? []);
  return retried ? { parsed: { ...retried, factor: retried.factor * 0.7 }, anchor, span } : { parsed: null, anchor, span };
}

/** A place written on two lines: the second has no label of its own and the first stops at a comma. */
function placeTokens(page: Page, anchor: Anchor<LabelId>) {
  const first = writtenTokens(valueTokens(page, anchor), anchor.line.height);
  const next = page.lines.find((l) => l.index > anchor.line.index);
  const endsWithComma = /,\W*$/.test(first[first.length - 1]?.text ?? '');
  if (!next || !endsWithComma || page.anchors.some((a) => a.line === next)) return first;
  return [...first, ...writtenTokens(next.tokens, next.height)];
}

/** "…, ngày 05 tháng 03 năm 2026" under the body: when the certificate was signed (the birth cannot be later). */
function signingDate(page: Page, below: number): DateTimeRead | null {
  for (const line of page.lines.filter((l) => l.index > below)) {
    if (page.anchors.some((a) => a.line === line)) continue;
    const read = parseDateTime(line.tokens);
    if (read && read.hour === null) return read;
  }
  return null;
}

function birthFields(page: Page): { fields: ExtractedField[]; read: DateTimeRead | null; span?: ValueSpan } {
  const anchor = anchorOf(page, 'born');
  const lines = anchor
    ? [anchor.line]
    : page.lines.filter((l) => /gi[oờ]/iu.test(l.text) && /ph[uú]t/iu.test(l.text));
  for (const line of lines) {
    const tokens = anchor ? valueTokens(page, anchor) : line.tokens;
    const signed = signingDate(page, line.index);
    const read = parseDateTime(tokens, signed);
    if (!read) continue;
    const { date, time } = dateAndTime(read);
    if (signed) {
      const born = Date.UTC(read.year, read.month - 1, read.day);
      const signedAt = Date.UTC(signed.year, signed.month - 1, signed.day);
      // issued before the baby leaves the facility: days after the birth, a month at most (as chooseDate assumes)
      if (born > signedAt || signedAt - born > 31 * 86_400_000) {
        date.factor *= 0.6;
        date.notes.push('Ngày sinh không khớp với ngày cấp giấy chứng sinh: hãy đối chiếu.');
      } else {
        // a date read apart from the birth's that lands 0-31 days after it: the birth date's digits are very likely right
        if (!read.guided) date.support = 0.6;
        date.notes.push('Khớp với ngày cấp giấy chứng sinh.');
      }
    }
    const cost = anchor?.cost ?? 3;
    const fields = [field('dateOfBirth', date, line.text, cost)];
    if (time) fields.push(field('timeOfBirth', time, line.text, cost));
    return { fields, read, span: anchor ? spanOf(anchor, tokens, read.words) : undefined };
  }
  return { fields: [], read: null, span: anchor ? spanOf(anchor, valueTokens(page, anchor), []) : undefined };
}

/** A 12-digit ID anywhere on the page that fits the mother on every check: used when the ID label was not read. */
function idAnywhere(
  page: Page,
  birthYear: number | undefined,
  eventYear: number | undefined,
): ExtractedField | null {
  for (const line of page.lines) {
    for (const token of line.tokens) {
      const digits = token.text.replace(/\D/g, '');
      if (
        digits.length !== 12 ||
        idNumberFit(digits, { birthYear, female: true, eventYear }).score < 1 ||
        birthYear === undefined
      )
        continue;
      const words: OcrWord[] = token.word ? [token.word] : [];
      return field(
        'motherIdNumber',
        { value: digits, words, factor: 0.7, notes: ['Tìm thấy ngoài dòng số định danh: hãy đối chiếu.'] },
        line.text,
      );
    }
  }
  return null;
}

/**
 * Reads a Giấy chứng sinh's fields from its OCR (what the engine returned, or a page's stored text and words).
 * Fields whose label or value cannot be found are left out; the others come with a confidence, low ones flagged.
 */
export function extractBirthCertificateFields(ocr: OcrInput): ExtractedField[] {
  return extractBirthCertificate(ocr).fields;
}

/** extractBirthCertificateFields with, for each value whose label was found, where it was written. */
export function extractBirthCertificate(ocr: OcrInput): BirthCertificateExtraction {
  const lines = ocrLines(ocr);
  const page: Page = { lines, anchors: findAnchors(lines, labels) };
  const out: ExtractedField[] = [];
  const spans: BirthCertificateExtraction['spans'] = {};
  const push = (
    name: BirthCertificateField,
    r: { parsed: ParsedValue | null; anchor: Anchor<LabelId>; span: ValueSpan } | null,
  ) => {
    if (r) spans[name] = r.span;
    if (r?.parsed) out.push(field(name, r.parsed, r.anchor.line.text, r.anchor.cost));
  };
  const birth = birthFields(page);
  if (birth.span) spans.dateOfBirth = birth.span;
  const bornLine = anchorOf(page, 'born')?.line.index;
  push('childFullName', read(page, 'childName', parseName));
  push('childSex', read(page, 'sex', parseSex));
  out.push(...birth.fields);
  const placeAnchor = anchorOf(page, 'place', bornLine) ?? anchorOf(page, 'place');
  const bodyStart = Math.min(...page.anchors.map((a) => a.line.index), lines.length);
  const place = placeAnchor ? parsePlace(placeTokens(page, placeAnchor), readPageHeader(lines, bodyStart)) : null;
  if (place && placeAnchor) out.push(field('placeOfBirth', place, placeAnchor.line.text, placeAnchor.cost));
  if (placeAnchor) spans.placeOfBirth = spanOf(placeAnchor, valueTokens(page, placeAnchor), place?.words ?? []);
  push('motherFullName', read(page, 'motherName', parseName));
  const year = read(page, 'motherYear', (tokens) => parseYear(tokens, 1940, 2020));
  push('motherBirthYear', year);
  const birthYear = year?.parsed ? Number(year.parsed.value) : undefined;
  const context = { birthYear, female: true, eventYear: birth.read?.year };
  const id = read(page, 'idNumber', (tokens) => parseIdNumber(tokens, context));
  push('motherIdNumber', id);
  if (!id?.parsed) {
    const found = idAnywhere(page, birthYear, birth.read?.year);
    if (found) out.push(found);
  }
  return { fields: out, spans };
}
