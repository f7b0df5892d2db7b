// Portal simulator settings: start options, the fault knobs that can change at run time, and the stats shape.

export type SimFaults = {
  /** probability that a request gets a random 500/502/503/504 before it is handled */
  errorRate: number;
  /** probability that a tus PATCH or POST /dossiers has its connection destroyed */
  resetRate: number;
  /** share of POST /dossiers resets that happen right AFTER the dossier is committed (the rest: before) */
  resetAfterCommitShare: number;
  /** fixed delay before every request is handled */
  latencyMs: number;
  /** requests per second per remote address before 429 (0 = unlimited) */
  rateLimit: number;
  /** probability that the presented access token is revoked just before the request (-> 401) */
  revokeRate: number;
  /** upload bandwidth in kilobits per second (1 kbps = 125 bytes/s; 0 = unlimited) */
  bandwidthKbps: number;
  /** periodic maintenance: every `maintenanceEveryS` seconds the portal answers 503 for `maintenanceForS` (0 = never) */
  maintenanceEveryS: number;
  maintenanceForS: number;
  /** dossier status steps per minute (0 = only advance() / POST /admin/advance moves dossiers) */
  speed: number;
};

export type SimClient = { clientId: string; clientSecret: string };

export type PortalSimOptions = Partial<SimFaults> & {
  /** 0 = any free port */
  port?: number;
  host?: string;
  /** directory for portal-sim.db and uploads/ (created if missing) */
  dataDir: string;
  clients?: SimClient[];
  tokenTtlS?: number;
  seed?: number;
  /** guards /admin/*; random when not given */
  adminToken?: string;
  /** path to a catalog in the app's catalog format; the catalog the app ships (national + curated profiles) otherwise */
  catalogFile?: string;
  /** revoke every token issued before this start */
  revokeTokensOnStart?: boolean;
  /** the simulator's clock (tests move it to expire tokens); Date.now by default */
  now?: () => number;
};

export type SimStats = {
  /** distinct dossiers committed */
  dossiersAccepted: number;
  postAttempts: number;
  duplicateReplays: number;
  idempotencyConflicts: number;
  validationRefusals: number;
  /** completed uploads whose bytes hash to the declared SHA-256 */
  filesWithSha256: number;
  distinctFileSha256: number;
  checksumFailures: number;
  uploadsCreated: number;
  /** PATCH body bytes that reached the upload files (including those of cut requests) */
  uploadBytesReceived: number;
  tokensIssued: number;
  /** GET /catalog: full answers, 304 answers, and the body bytes of the full ones as sent (gzipped when asked) */
  catalog: { downloads: number; notModified: number; bytesSent: number };
  faults: {
    errors: number;
    resetsMidUpload: number;
    resetsBeforeCommit: number;
    resetsAfterCommit: number;
    rateLimited: number;
    maintenance: number;
    revokedTokens: number;
  };
  statusCounts: Record<string, number>;
};

export const defaultFaults: SimFaults = {
  errorRate: 0,
  resetRate: 0,
  resetAfterCommitShare: 0.5,
  latencyMs: 0,
  rateLimit: 0,
  revokeRate: 0,
  bandwidthKbps: 0,
  maintenanceEveryS: 0,
  maintenanceForS: 0,
  speed: 6,
};

export const defaultClients: SimClient[] = [{ clientId: 'DL-DEV-001', clientSecret: 'dev-secret' }];

export const faultKeys = Object.keys(defaultFaults) as (keyof SimFaults)[];

/** Keeps only known numeric fault keys with finite, non-negative values. */
export function pickFaults(input: Record<string, unknown>): Partial<SimFaults> {
  const out: Partial<SimFaults> = {};
  for (const key of faultKeys) {
    const value = input[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) out[key] = value;
  }
  return out;
}
