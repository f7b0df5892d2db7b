// Diacritics-insensitive procedure search: every folded token must match; ranked code, exact name, prefix, phrase, words.
// Hand-written over SQLite LIKE: 5,652 short names scan in a few ms, and the ranking is the counter's, not a library's.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client';
import type { ProcedureSummary } from '../../common/catalog';
import { foldForSearch, procedureSearchText } from './search-text';

type Row = {
  code: string;
  name: string;
  level: string | null;
  field: string | null;
  agency: string | null;
  pinned: number;
};

// a query past this many words is a pasted paragraph; the first words already narrow it down
const maxTokens = 8;

/**
 * Abbreviations agents type for what names spell out (folded, y already i). CCCD: the card is "căn cước công dân" in
 * older names and "căn cước" since the 2023 Law on Identification, so it expands to the words both share.
 */
const abbreviations: Record<string, string> = {
  cccd: 'can cuoc',
  cmnd: 'chung minh nhan dan',
  gplx: 'giai phep lai xe',
  lltp: 'li lich tu phap',
  ubnd: 'ui ban nhan dan',
  hkd: 'ho kinh doanh',
};

/** "cap doi cccd" -> "cap doi can cuoc" */
export function expandAbbreviations(folded: string): string {
  return folded
    .split(' ')
    .map((word) => abbreviations[word] ?? word)
    .join(' ');
}

const pinJoin = `LEFT JOIN procedure_pins pin ON pin.procedure_code = p.code AND pin.user_id = @userId`;

/**
 * search_text is "<folded code> <folded name>" and a code folds to a string of the same length, so the
 * folded name starts at length(code) + 2; the "Thủ tục" most names start with is cut for ranking.
 * Ranking happens in SQLite so only `limit` rows cross into JS: a one-letter query matches nearly all
 * ~6k procedures, and materialising them all costs far more than the scan.
 */
function rankedQuery(tokenCount: number): string {
  const filters = Array.from(
    { length: tokenCount },
    (_, i) => ` AND p.search_text LIKE '%' || @t${i} || '%'`,
  ).join('');
  const wordPrefixes = Array.from(
    { length: tokenCount },
    (_, i) => `' ' || fname LIKE '% ' || @t${i} || '%'`,
  ).join(' AND ');
  return `WITH matched AS (
      SELECT p.code, p.name, p.level, p.field, p.agency, (pin.user_id IS NOT NULL) AS pinned,
        substr(p.search_text, length(p.code) + 2) AS folded
      FROM procedures p ${pinJoin}
      WHERE p.active = 1${filters}
    ), named AS (
      SELECT *, CASE WHEN folded LIKE 'thu tuc %' THEN substr(folded, 9) ELSE folded END AS fname FROM matched
    )
    SELECT code, name, level, field, agency, pinned FROM named
    ORDER BY CASE
        WHEN code = @raw THEN 0
        WHEN @codeLike = 1 AND code LIKE @raw || '%' THEN 1
        WHEN fname = @phrase THEN 2
        WHEN fname LIKE @phrase || ' %' THEN 3
        WHEN ' ' || fname || ' ' LIKE '% ' || @phrase || ' %' THEN 4
        WHEN fname LIKE '%' || @phrase || '%' THEN 5
        WHEN ${wordPrefixes} THEN 6
        ELSE 7
      END,
      pinned DESC, length(fname), code
    LIMIT @limit`;
}

function toSummary(row: Row): ProcedureSummary {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    field: row.field,
    agency: row.agency,
    pinned: row.pinned === 1,
  };
}

export type CatalogSearch = (
  query: string,
  opts: { userId?: string | null; limit?: number },
) => ProcedureSummary[];

/**
 * Rows stored before the search folding changed (y -> i) get their search_text again, once: the check is one indexed
 * probe, the rewrite of 5,652 rows one transaction.
 */
export function refreshSearchText(db: Db): number {
  const sqlite = db.$client;
  const stale = sqlite.prepare("SELECT 1 FROM procedures WHERE search_text LIKE '%y%' LIMIT 1").get();
  if (!stale) return 0;
  const rows = sqlite.prepare('SELECT code, name FROM procedures').all() as { code: string; name: string }[];
  const update = sqlite.prepare('UPDATE procedures SET search_text = ? WHERE code = ?');
  sqlite.transaction(() => {
    for (const row of rows) update.run(procedureSearchText(row.code, row.name), row.code);
  })();
  return rows.length;
}

/** With no query, the user's pinned procedures come first (most recently pinned first), then all by name. */
export function createCatalogSearch(db: Db): CatalogSearch {
  const sqlite = db.$client;
  refreshSearchText(db);
  const byTokenCount = new Map<number, Statement>();
  const listAll = sqlite.prepare(
    `SELECT p.code, p.name, p.level, p.field, p.agency, (pin.user_id IS NOT NULL) AS pinned
     FROM procedures p ${pinJoin}
     WHERE p.active = 1
     ORDER BY pinned DESC, pin.pinned_at DESC, substr(p.search_text, length(p.code) + 2), p.code
     LIMIT @limit`,
  );

  function statementFor(count: number): Statement {
    let statement = byTokenCount.get(count);
    if (!statement) {
      statement = sqlite.prepare(rankedQuery(count));
      byTokenCount.set(count, statement);
    }
    return statement;
  }

  return (query, opts) => {
    const limit = Math.max(1, Math.min(opts.limit ?? 30, 500));
    const userId = opts.userId ?? '';
    const raw = query.normalize('NFC').trim();
    const phrase = expandAbbreviations(foldForSearch(raw))
      .replace(/^thu tuc( |$)/, '')
      .trim();
    const tokens = [...new Set(phrase.split(' ').filter((t) => t !== ''))].slice(0, maxTokens);
    if (tokens.length === 0) return (listAll.all({ userId, limit }) as Row[]).map(toSummary);

    // folded tokens hold only a-z, 0-9, dots and spaces: nothing LIKE would read as a wildcard
    const params: Record<string, string | number> = {
      userId,
      limit,
      raw,
      phrase,
      codeLike: /^[0-9.]+$/.test(raw) ? 1 : 0,
    };
    tokens.forEach((token, i) => (params[`t${i}`] = token));
    return (statementFor(tokens.length).all(params) as Row[]).map(toSummary);
  };
}
