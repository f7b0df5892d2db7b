// Reads the "Cách thức thực hiện" section: one filing mode per "* Hình thức nộp", with its deadline and fee.
import type { ProcedureMode } from '../../common/catalog';
import { tidyText } from '../../common/text';
import { parseDeadline, type DeadlineProblemKind } from './parse-deadline';
import { fixedAmountOf } from '../../common/fee';
import { feeRuleOfParsed, parseFee, type FeeProblemKind } from './parse-fee';

export type ModeProblemKind =
  DeadlineProblemKind | FeeProblemKind | 'no_modes' | 'mode_unknown' | 'duplicate_mode';
export type ModeProblem = { field: string; kind: ModeProblemKind; detail: string };

type RawMode = {
  modeText: string;
  deadline: string | null;
  fee: string | null;
  description: string[] | null;
};

const modeCodes: Record<string, ProcedureMode['mode']> = {
  ONLINE: 'online',
  POSTAL: 'postal',
  DIRECT: 'direct',
};

// the scraper indents a mode's own fields by exactly 2 and 4 spaces; the same words in a description are not indented so
const modeLine = /^ {2}\* Hình thức nộp: ?(.*)$/;
const deadlineLine = /^ {4}Thời hạn giải quyết: ?(.*)$/;
const feeLine = /^ {4}Phí, lệ phí: ?(.*)$/;
const descriptionLine = /^ {4}Mô tả: ?(.*)$/;

function splitModes(lines: string[]): RawMode[] {
  const modes: RawMode[] = [];
  let current: RawMode | null = null;
  for (const line of lines) {
    const mode = modeLine.exec(line);
    if (mode) {
      current = { modeText: mode[1] ?? '', deadline: null, fee: null, description: null };
      modes.push(current);
      continue;
    }
    if (!current) continue;
    const deadline = current.deadline === null ? deadlineLine.exec(line) : null;
    const fee = current.fee === null ? feeLine.exec(line) : null;
    const description = current.description === null ? descriptionLine.exec(line) : null;
    if (deadline) current.deadline = deadline[1] ?? '';
    else if (fee) current.fee = fee[1] ?? '';
    else if (description) current.description = [description[1] ?? ''];
    else if (current.description) current.description.push(line);
  }
  return modes;
}

function toMode(raw: RawMode, field: string, problems: ModeProblem[]): ProcedureMode | null {
  const code = tidyText(raw.modeText).toUpperCase();
  const mode = modeCodes[code];
  if (!mode) {
    problems.push({ field, kind: 'mode_unknown', detail: raw.modeText || '(trống)' });
    return null;
  }
  const description = tidyText((raw.description ?? []).join(' '));
  const deadline = parseDeadline(raw.deadline ?? '', description);
  if (deadline.problem) problems.push({ field: `${field}.deadline`, ...deadline.problem });
  const fee = parseFee(raw.fee ?? '');
  if (fee.problem) problems.push({ field: `${field}.fee`, ...fee.problem });
  const deadlineText = [deadline.text, description].filter((part) => part !== '').join(' — ');
  const rule = feeRuleOfParsed(fee);
  return {
    mode,
    deadlineValue: deadline.value,
    deadlineUnit: deadline.unit,
    deadlineText,
    feeVnd: fixedAmountOf(rule),
    feeText: fee.text,
    fee: rule,
    feeVariants: [],
  };
}

/** All modes in the record's order; a mode listed twice (steps or cases of one procedure) is kept and noted. */
export function parseModes(lines: string[]): { modes: ProcedureMode[]; problems: ModeProblem[] } {
  const problems: ModeProblem[] = [];
  const modes: ProcedureMode[] = [];
  splitModes(lines).forEach((raw, index) => {
    const mode = toMode(raw, `modes[${index}]`, problems);
    if (mode) modes.push(mode);
  });
  if (modes.length === 0)
    problems.push({ field: 'modes', kind: 'no_modes', detail: 'không có hình thức nộp nào' });
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const mode of modes) {
    if (seen.has(mode.mode)) repeated.add(mode.mode);
    seen.add(mode.mode);
  }
  for (const mode of repeated) {
    const count = modes.filter((m) => m.mode === mode).length;
    problems.push({ field: 'modes', kind: 'duplicate_mode', detail: `${mode} xuất hiện ${count} lần` });
  }
  return { modes, problems };
}
