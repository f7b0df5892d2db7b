// Tuning aid for bench:fields: re-runs extraction on stored OCR (fields-dump.ts) and prints the misses, without OCR.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBirthCertificateFields } from '../../electron/core/extract';
import type { OcrResult } from '../../electron/core/ocr/ocr-engine';
import { parseTruth, scoreFields } from './fields-pages';

const dir = process.argv[2] ?? '/tmp/fields-tune';
const byCondition = new Map<string, { ok: number; n: number }>();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.ocr.json')).sort()) {
  const name = file.replace(/\.ocr\.json$/, '');
  const ocr = JSON.parse(readFileSync(join(dir, file), 'utf8')) as OcrResult;
  const truth = parseTruth(readFileSync(join(dir, `${name}.fields.json`), 'utf8'));
  const scores = scoreFields(extractBirthCertificateFields(ocr), truth);
  const condition = name.split('-')[1] ?? '?';
  const tally = byCondition.get(condition) ?? { ok: 0, n: 0 };
  tally.ok += scores.filter((s) => s.ok).length;
  tally.n += scores.length;
  byCondition.set(condition, tally);
  for (const s of scores.filter((x) => !x.ok))
    console.log(`${name} ${s.key}: ${JSON.stringify(s.got?.value ?? null)} (${s.got?.confidence ?? '-'}) want ${JSON.stringify(s.want)} | ${s.got?.evidence.line ?? ''}`);
}
for (const [c, t] of byCondition) console.log(`${c}: ${String(t.ok)}/${String(t.n)} ${((100 * t.ok) / t.n).toFixed(1)}%`);
