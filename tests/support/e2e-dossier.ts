// E2E helper: a dossier taken through the contract (no screen), as the tests that need a day of work behind them do.
import type { DossierDetail } from '../../electron/common/contract';
import { recordConsentByRpc } from './e2e-consent';
import { applicantFor, tinyJpeg } from './review-fixtures';

export type Rpc = <T>(name: string, session: string | null, input: unknown) => Promise<T>;

export type TakeOptions = {
  procedureCode: string;
  /** which fake applicant (applicantFor) and the seed of the page pictures */
  n: number;
  /** a key: that case; absent: no case chosen */
  caseKey?: string;
  /** no caseKey given: the procedure's first case, if it has any */
  firstCase?: boolean;
  /** false: left a draft (no consent, not ready) */
  ready?: boolean;
  dueDate?: string;
};

/** Created online, the case, the applicant, a page in each required document to submit; then consent and ready. */
export async function takeByRpc(rpc: Rpc, token: string, opts: TakeOptions): Promise<DossierDetail> {
  const { n } = opts;
  let d = await rpc<DossierDetail>('dossiers.create', token, { procedureCode: opts.procedureCode, mode: 'online' });
  const caseKey = opts.caseKey ?? (opts.firstCase ? d.cases[0]?.key : undefined);
  if (caseKey) d = (await rpc<{ detail: DossierDetail }>('dossiers.setCase', token, { id: d.id, caseKey, version: d.version })).detail;
  await rpc('dossiers.saveDraft', token, { id: d.id, applicant: applicantFor(n) });
  for (const c of d.components.filter((x) => x.required && x.kind === 'submit')) {
    await rpc('pages.add', token, { dossierId: d.id, componentId: c.id, fileName: `trang-${n}-${c.id}.jpg`, bytes: await tinyJpeg(n * 100 + c.id) });
  }
  if (opts.ready === false) return rpc<DossierDetail>('dossiers.get', token, { id: d.id });
  await recordConsentByRpc(rpc, token, d.id);
  return rpc<DossierDetail>('dossiers.markReady', token, { id: d.id, dueDate: opts.dueDate ?? '2030-12-27' });
}
