// What one sync pass did, and the failures that end a pass: shared by the engine and its dossier workers.
import type { PortalFailure, PortalRetry } from './portal-client';

export type PassReport = {
  online: boolean;
  accepted: number;
  retried: number;
  needsFix: number;
  feedChanges: number;
  /** the failure that ended the pass early, if any */
  stoppedBy: PortalFailure | null;
};

export function emptyReport(online: boolean, stoppedBy: PortalFailure | null = null): PassReport {
  return { online, accepted: 0, retried: 0, needsFix: 0, feedChanges: 0, stoppedBy };
}

export const INTERNAL_FAILURE: PortalRetry = {
  kind: 'retry',
  reason: 'protocol',
  message: 'Đồng bộ gặp lỗi ngoài dự kiến; dữ liệu vẫn giữ nguyên trên máy.',
};

export function isConnectionLoss(f: PortalFailure): boolean {
  return f.kind === 'retry' && (f.reason === 'network' || f.reason === 'timeout');
}
