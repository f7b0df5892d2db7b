// Banner on a dossier the portal refused (needs_fix): what the portal said, field by field, and what to do next.
import { useMemo } from 'react';
import type { DossierDetail } from '../../../electron/common/contract';
import { intakeFieldOfPortalPath, type SyncTimelineView } from '../../../electron/common/sync-contract';
import { useApiQuery } from '../../api/query';
import { useT } from '../../i18n/i18n-context';
import '../../ui/styles/supervisor.css';

export type PortalFix = { message: string | null; fields: NonNullable<SyncTimelineView['outbox']>['lastErrorFields'] };

/** The portal's refusal of this dossier, loaded while it is in needs_fix (null otherwise or until loaded). */
export function usePortalFix(detail: DossierDetail): PortalFix | null {
  const needsFix = detail.status === 'needs_fix';
  // read again on this dossier's dossier.changed and on sync.status (api/query.ts)
  const timeline = useApiQuery('dossiers.syncTimeline', { id: detail.id }, { enabled: needsFix });
  // a failed read shows nothing here: the sync panel on the dossier page says why; the form still works
  const outbox = needsFix ? timeline.data?.outbox : null;
  // one object per answer: the forms' memos keyed on it run again only when the portal's refusal changes
  return useMemo(() => (outbox ? { message: outbox.lastError, fields: outbox.lastErrorFields } : null), [outbox]);
}

/** The portal's messages for the form's fields, keyed as the form's problems are ("fullName", "delivery.address"). */
export function portalFieldProblems(fix: PortalFix | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fix?.fields ?? []) {
    const key = intakeFieldOfPortalPath(f.path);
    if (key) out[key] ??= f.message;
  }
  return out;
}

export function PortalFixNotice({ detail, fix }: { detail: DossierDetail; fix: PortalFix | null }) {
  const t = useT();
  if (detail.status !== 'needs_fix') return null;
  const messages = [...new Set((fix?.fields ?? []).map((f) => f.message))];
  return (
    <section className="return-notice" role="region" aria-labelledby="portal-fix-title">
      <h2 id="portal-fix-title" className="return-notice__title">
        {t('portalFix.title')}
      </h2>
      {/* the field messages when the portal gave them (its summary repeats them), else its summary */}
      {messages.length === 0 && fix?.message ? <p className="return-notice__reason">{fix.message}</p> : null}
      {messages.length > 0 ? (
        <ul className="portal-fix__list">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <p className="return-notice__hint">{t('portalFix.hint')}</p>
    </section>
  );
}
