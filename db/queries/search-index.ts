// Accentless text search over dossiers: the FTS5 trigram index (migration 0005_dossier_search) when it can answer, LIKE otherwise.
import type { Clause } from './report-queries';

/**
 * `folded` is already folded (foldVietnamese). The trigram index needs 3+ characters and a pattern without LIKE
 * wildcards of its own (SQLite passes no ESCAPE clause to a virtual table); anything else scans with LIKE as before.
 * Both forms match the same dossiers: a substring of the folded name, the ID number or the local code.
 */
export function dossierTextClause(folded: string, alias = 'd'): Clause {
  if (folded.length >= 3 && !/[%_\\]/.test(folded)) {
    // the unary + keeps the match set a filter, not the driver: lists then walk their date/status index newest first
    // and stop at a page, so a common fragment ("hoa": 13% of dossiers) costs no more than a rare one (bench: <= 30 ms)
    return {
      sql: `+${alias}.rowid IN (SELECT s.rowid FROM dossier_search s WHERE s.text LIKE ?)`,
      params: [`%${folded}%`],
    };
  }
  const like = `%${folded.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return {
    sql: `(${alias}.applicant_name_search LIKE ? ESCAPE '\\' OR ${alias}.applicant_id_number LIKE ? ESCAPE '\\' OR lower(${alias}.local_code) LIKE ? ESCAPE '\\')`,
    params: [like, like, like],
  };
}
