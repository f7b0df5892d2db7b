// What every simulator handler gets: the database, settings, faults, catalog, clock and per-upload locks.
import type { CatalogFile } from '../../electron/common/catalog';
import type { PortalFieldError } from '../../electron/core/sync/portal-protocol';
import type { FaultState } from './faults';
import type { SimClient } from './options';
import type { SimDb } from './store';

export type UploadLock = { abort(): void; done: Promise<void> };

export type SimContext = {
  db: SimDb;
  faults: FaultState;
  /** the app's catalog format (v2): the shipped catalog unless --catalog names a file */
  catalog: CatalogFile;
  clients: SimClient[];
  tokenTtlS: number;
  seed: number;
  uploadsDir: string;
  now(): number;
  /** the PATCH currently writing each upload; a newer request for the same upload cancels it first */
  uploadLocks: Map<string, UploadLock>;
  /**
   * Checks only the real portal can make (the national population database, the agency's own rules): the next
   * submissions are refused with these field errors, one list per submission, first in first out.
   */
  pendingRefusals: PortalFieldError[][];
  /** the next this many submissions are committed and then their answer is lost (the connection is cut) */
  pendingLostAnswers: number;
};
