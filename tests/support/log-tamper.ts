// For tamper tests: the append-only triggers of the audit and access logs dropped, as someone holding the key could.
import type { Db } from '../../db/client';

type Sqlite = Db['$client'];

/** Drops the logs' append-only triggers (migration 0012) so a test can play the attacker; the hash chain must still tell. */
export function tamperable(sqlite: Sqlite): Sqlite {
  for (const name of ['audit_log_no_update', 'audit_log_no_delete', 'access_log_no_update', 'access_log_no_delete']) {
    sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
  }
  return sqlite;
}
