// What the scan folder's status says (for the 'scanner.status' event) and how an import failure is classified.
import type { Db } from '../../../db/client';
import type { ScannerStatus } from '../../common/digitize-contract';
import { isAppError, type ErrorCode } from '../../common/errors';
import { blankPagesOf, recentImports } from './scan-journal';

/** Problems of the file itself: it is set aside until it changes, and the files after it go on. */
const fileProblems = new Set<ErrorCode>([
  'FILE_EMPTY', 'FILE_TOO_LARGE', 'IMAGE_TOO_LARGE', 'FILE_UNSUPPORTED', 'FILE_TYPE_MISMATCH', 'FILE_CORRUPT',
  'PDF_ENCRYPTED', 'PDF_TOO_MANY_PAGES', 'BAD_FILE_NAME',
]);
/** The dossier or slot can no longer take pages (marked ready, deleted, someone else's). */
const targetGone = new Set<ErrorCode>(['INVALID_STATE', 'NOT_FOUND', 'FORBIDDEN']);

export type ImportFailure = 'file' | 'target' | 'other';

export function classifyImportError(error: unknown): ImportFailure {
  if (isAppError(error) && fileProblems.has(error.code)) return 'file';
  if (isAppError(error) && targetGone.has(error.code)) return 'target';
  return 'other';
}

export type ScannerState = {
  folder: string;
  problem: string | null;
  target: { dossierId: string; componentId: number; componentName: string } | null;
  waiting: number;
  importing: string | null;
  rejected: ReadonlyMap<string, { message: string }>;
};

export function buildStatus(db: Db, s: ScannerState): ScannerStatus {
  return {
    folder: s.folder,
    watching: s.folder !== '' && s.problem === null,
    target: s.target && { dossierId: s.target.dossierId, componentId: s.target.componentId, componentName: s.target.componentName },
    waiting: s.waiting,
    importing: s.importing,
    recent: recentImports(db, 5).map((r) => ({
      fileName: r.fileName,
      dossierId: r.dossierId,
      componentId: r.componentId,
      pages: (JSON.parse(r.pageIds) as unknown[]).length,
      at: r.committedAt,
    })),
    rejected: [...s.rejected].map(([fileName, r]) => ({ fileName, message: r.message })),
    blankPages: s.target ? blankPagesOf(db, s.target.dossierId) : [],
    problem: s.problem,
  };
}
