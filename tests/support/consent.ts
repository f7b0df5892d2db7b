// Test helper: the citizen's consent recorded as the agent does at intake (notice read aloud), so "ready" is allowed.
import type { DossierConsents } from '../../electron/common/privacy-contract';
import type { Harness } from './core-harness';

type Caller = Pick<Harness, 'call'>;

export async function giveConsent(
  h: Caller,
  token: string,
  dossierId: string,
  opts: { reuse?: boolean; method?: 'signed_receipt' | 'read_aloud' } = {},
): Promise<DossierConsents> {
  const current = await h.call<DossierConsents>('consent.get', token, { dossierId });
  if (current.active.procedure && !opts.reuse) return current;
  return h.call<DossierConsents>('consent.record', token, {
    dossierId,
    procedure: true,
    reuse: opts.reuse ?? false,
    method: opts.method ?? 'read_aloud',
    noticeVersion: current.notice.version,
  });
}
