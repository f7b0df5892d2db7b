// Loads the curated profiles shipped in resources/catalog/profiles/<code>.json (layer 2 of the catalog) and checks them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { curatedProfileSchema, type CuratedProfile } from '../../common/catalog';
import { everyDocument } from './catalog-merge';

export type ProfileSet = ReadonlyMap<string, CuratedProfile>;

export type LoadedProfiles = {
  profiles: ProfileSet;
  /** one Vietnamese line per file that could not be used (the file name first) */
  problems: string[];
};

/** What makes a profile unusable beyond its schema: keys that repeat, notes about a case it does not have. */
export function profileProblems(profile: CuratedProfile, fileCode: string | null): string[] {
  const problems: string[] = [];
  const p = profile.procedure;
  if (fileCode !== null && fileCode !== p.code) problems.push(`tên tệp ghi mã ${fileCode} nhưng thủ tục là ${p.code}`);
  const seen = new Set<string>();
  for (const doc of everyDocument(p)) {
    if (seen.has(doc.key)) problems.push(`mã giấy tờ "${doc.key}" lặp lại`);
    seen.add(doc.key);
  }
  const cases = new Set<string>();
  for (const c of p.cases) {
    if (cases.has(c.key)) problems.push(`mã trường hợp "${c.key}" lặp lại`);
    cases.add(c.key);
  }
  for (const note of p.notes) {
    if (note.caseKey !== null && !cases.has(note.caseKey))
      problems.push(`lưu ý gắn với trường hợp "${note.caseKey}" không có trong hồ sơ mẫu`);
  }
  const modes = p.modes.map((m) => m.mode);
  if (new Set(modes).size !== modes.length) problems.push('một hình thức nộp xuất hiện hai lần');
  return problems;
}

/** Parses one profile's JSON text; throws an Error naming what is wrong. */
export function parseProfileText(text: string, fileCode: string | null = null): CuratedProfile {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new Error(`không phải JSON hợp lệ (${error instanceof Error ? error.message : 'lỗi cú pháp'})`, { cause: error });
  }
  const parsed = curatedProfileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.map(String).join('.') || 'tệp'}: ${i.message}`)
      .join('; ');
    throw new Error(first);
  }
  const problems = profileProblems(parsed.data, fileCode);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return parsed.data;
}

/**
 * Every `<code>.json` in the folder, keyed by procedure code. A file that does not validate is left out and reported,
 * so one bad profile cannot keep the counter from opening; the unit test over the shipped folder keeps it empty.
 */
export function loadProfiles(dir: string): LoadedProfiles {
  const profiles = new Map<string, CuratedProfile>();
  const problems: string[] = [];
  if (!existsSync(dir)) return { profiles, problems };
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  for (const name of files) {
    const fileCode = name.replace(/\.json$/, '');
    try {
      const profile = parseProfileText(readFileSync(join(dir, name), 'utf8'), fileCode);
      profiles.set(profile.procedure.code, profile);
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { profiles, problems };
}

/** resources/catalog/profiles */
export function profilesDir(resourcesDir: string): string {
  return join(resourcesDir, 'catalog', 'profiles');
}
