// The simulator's durable state: one SQLite file (WAL, synchronous=FULL) holding tokens, uploads, dossiers, keys and the feed.
import Database from 'better-sqlite3';
import path from 'node:path';

export type SimDb = Database.Database;

export type UploadRow = {
  id: string;
  client_id: string;
  length: number;
  offset: number;
  sha256: string;
  file_name: string;
  mime: string;
  state: 'open' | 'complete' | 'checksum_failed';
  created_at: number;
  completed_at: number | null;
};

export type DossierRow = {
  portal_code: string;
  client_id: string;
  idempotency_key: string;
  local_code: string | null;
  procedure_code: string;
  body_json: string;
  status: string;
  supplement_json: string | null;
  supplemented: number;
  step: number;
  received_at: number;
  updated_at: number;
};

export type IdempotencyRow = {
  client_id: string;
  key: string;
  body_hash: string;
  status_code: number;
  response_json: string;
  portal_code: string;
};

export type ChangeRow = {
  seq: number;
  portal_code: string;
  idempotency_key: string;
  status: string;
  at: number;
  message: string;
  supplement_json: string | null;
};

const schema = `
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY, client_id TEXT NOT NULL, length INTEGER NOT NULL, offset INTEGER NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL, file_name TEXT NOT NULL, mime TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open','complete','checksum_failed')),
  created_at INTEGER NOT NULL, completed_at INTEGER);
CREATE INDEX IF NOT EXISTS uploads_client_sha_idx ON uploads(client_id, sha256, state);
CREATE TABLE IF NOT EXISTS dossiers (
  portal_code TEXT PRIMARY KEY, client_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, local_code TEXT,
  procedure_code TEXT NOT NULL, body_json TEXT NOT NULL, status TEXT NOT NULL, supplement_json TEXT,
  supplemented INTEGER NOT NULL DEFAULT 0, step INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS dossiers_status_updated_idx ON dossiers(status, updated_at);
CREATE UNIQUE INDEX IF NOT EXISTS dossiers_client_key_idx ON dossiers(client_id, idempotency_key);
CREATE TABLE IF NOT EXISTS idempotency (
  client_id TEXT NOT NULL, key TEXT NOT NULL, body_hash TEXT NOT NULL, status_code INTEGER NOT NULL,
  response_json TEXT NOT NULL, portal_code TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (client_id, key));
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL, portal_code TEXT NOT NULL,
  status TEXT NOT NULL, at INTEGER NOT NULL, message TEXT NOT NULL, supplement_json TEXT);
CREATE INDEX IF NOT EXISTS changes_client_seq_idx ON changes(client_id, seq);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

export function openSimDb(dataDir: string): SimDb {
  const db = new Database(path.join(dataDir, 'portal-sim.db'));
  db.pragma('journal_mode = WAL');
  // better-sqlite3 opens later connections at synchronous=NORMAL (shared/notes/platform-facts.md): set and check.
  db.pragma('synchronous = FULL');
  if (db.pragma('synchronous', { simple: true }) !== 2)
    throw new Error('portal-sim: synchronous=FULL not applied');
  db.exec(schema);
  return db;
}

export function bumpCounter(db: SimDb, name: string, by = 1): void {
  db.prepare(
    'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value',
  ).run(name, by);
}

export function readCounters(db: SimDb): Record<string, number> {
  const rows = db.prepare('SELECT name, value FROM counters').all() as { name: string; value: number }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

export function getUpload(db: SimDb, id: string): UploadRow | undefined {
  return db.prepare('SELECT * FROM uploads WHERE id = ?').get(id) as UploadRow | undefined;
}

export function hasCompletedUpload(db: SimDb, clientId: string, sha256: string, size: number): boolean {
  const row = db
    .prepare(
      "SELECT 1 FROM uploads WHERE client_id = ? AND sha256 = ? AND length = ? AND state = 'complete' LIMIT 1",
    )
    .get(clientId, sha256, size);
  return row !== undefined;
}

export function getIdempotency(db: SimDb, clientId: string, key: string): IdempotencyRow | undefined {
  return db.prepare('SELECT * FROM idempotency WHERE client_id = ? AND key = ?').get(clientId, key) as
    IdempotencyRow | undefined;
}

export function getDossier(db: SimDb, portalCode: string): DossierRow | undefined {
  return db.prepare('SELECT * FROM dossiers WHERE portal_code = ?').get(portalCode) as DossierRow | undefined;
}

export function appendChange(
  db: SimDb,
  change: {
    clientId: string;
    portalCode: string;
    status: string;
    at: number;
    message: string;
    supplementJson: string | null;
  },
): void {
  db.prepare(
    'INSERT INTO changes (client_id, portal_code, status, at, message, supplement_json) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(change.clientId, change.portalCode, change.status, change.at, change.message, change.supplementJson);
}

export function listChanges(db: SimDb, clientId: string, afterSeq: number, limit: number): ChangeRow[] {
  return db
    .prepare(
      `SELECT c.seq, c.portal_code, d.idempotency_key, c.status, c.at, c.message, c.supplement_json
       FROM changes c JOIN dossiers d ON d.portal_code = c.portal_code
       WHERE c.client_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`,
    )
    .all(clientId, afterSeq, limit) as ChangeRow[];
}

export function dossierHistory(
  db: SimDb,
  portalCode: string,
): { status: string; at: number; message: string }[] {
  return db
    .prepare('SELECT status, at, message FROM changes WHERE portal_code = ? ORDER BY seq')
    .all(portalCode) as { status: string; at: number; message: string }[];
}
