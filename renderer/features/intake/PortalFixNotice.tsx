// Banner on a dossier the portal refused (needs_fix): what the portal said, field by field, and what to do next.
import { useCallback, useEffect, useState } from 'react';
import type { DossierDetail } from '../../../electron/common/contract';
import { intakeFieldOfPortalPath, type SyncTimelineView } from '../../../electron/common/sync-contract';
import { useApi, useApiEvent } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import '../../ui/styles/supervisor.css';

export type PortalFix = { message: string | null; fields: NonNullable<SyncTimelineView['outbox']>['lastErrorFields'] };

/** The portal's refusal of this dossier, loaded while it is in needs_fix (null otherwise or until loaded). */
export function usePortalFix(detail: DossierDetail): PortalFix | null {
  const api = useApi();
  const [fix, setFix] = useState<PortalFix | null>(null);
  const needsFix = detail.status === 'needs_fix';
  const load = useCallback(() => {
    if (!needsFix) return setFix(null);
    api.call('dossiers.syncTimeline', { id: detail.id }).then(
      (tl) => setFix(tl.outbox ? { message: tl.outbox.lastError, fields: tl.outbox.lastErrorFields } : null),
      () => setFix(null), // the sync panel on the dossier page says why; the form still works
    );
  }, [api, detail.id, needsFix]);
  useEffect(load, [load]);
  useApiEvent('dossier.changed', (p) => {
    if (p.dossierId === detail.id) load();
  });
  return fix;
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
