// "Dùng lại giấy tờ đã số hoá": pages from the citizen's earlier dossiers, with their date, linked into this slot.
import { useState } from 'react';
import type { DossierComponent } from '../../../electron/common/contract';
import type { ReusableDocuments } from '../../../electron/common/digitize-contract';
import { formatDate } from '../../../electron/common/format';
import { foldVietnamese } from '../../../electron/common/text';
import { useApi } from '../../api/api-context';
import { useSession } from '../../app/session-context';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { slotLabel } from './component-name';
import { useReusableThumb } from './use-page-image';

type ReuseDialogProps = {
  dossierId: string;
  component: DossierComponent;
  docs: ReusableDocuments;
  onClose(): void;
  onDone(): Promise<void>;
};

type Group = ReusableDocuments['groups'][number];

/** The same kind of paper as this slot first ("Giấy khai sinh" for "Giấy khai sinh"), then newest first. */
function ordered(groups: readonly Group[], slotName: string): Group[] {
  const slot = foldVietnamese(slotName);
  const same = (g: Group) => foldVietnamese(g.componentName) === slot;
  return [...groups.filter(same), ...groups.filter((g) => !same(g))];
}

export function ReuseDialog({ dossierId, component, docs, onClose, onDone }: ReuseDialogProps) {
  const api = useApi();
  const t = useT();
  const groups = ordered(docs.groups, component.name);
  const slot = foldVietnamese(component.name);
  // pages of the same kind of paper start ticked; the agent adds or removes the rest
  const [chosen, setChosen] = useState<Set<string>>(
    () =>
      new Set(
        groups
          .filter((g) => foldVietnamese(g.componentName) === slot)
          .flatMap((g) => g.pages.filter((p) => !p.alreadyHere).map((p) => p.pageId)),
      ),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const { session } = useSession();
  const [reason, setReason] = useState('');
  const canApprove = session.user.role !== 'agent';

  /** a supervisor opens re-use for this dossier (the citizen forgot the card); the list reloads with the documents */
  async function approve(): Promise<void> {
    setBusy(true);
    setError('');
    try {
      await api.call('reuse.approve', { dossierId, reason });
      await onDone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (pageId: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(pageId);
      else next.delete(pageId);
      return next;
    });

  async function submit(): Promise<void> {
    setBusy(true);
    setError('');
    try {
      // in the order they are listed, so the pages of one paper stay together
      const pageIds = groups.flatMap((g) => g.pages.map((p) => p.pageId)).filter((id) => chosen.has(id));
      await api.call('pages.reuse', { dossierId, componentId: component.id, pageIds });
      await onDone();
      onClose();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('reuse.title', { component: slotLabel(component) })}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy || chosen.size === 0}
            onClick={() => void submit()}
          >
            {t('reuse.submit', { count: chosen.size })}
          </button>
        </>
      }
    >
      {docs.blockedReason !== null ? (
        <div className="notice notice--info" role="status">
          <p>
            <strong>{t('reuse.blocked')}</strong>. {docs.blockedReason}
          </p>
          {canApprove ? (
            <>
              <TextField id="reuse-approve-reason" label={t('reuse.approveReason')} hint={t('reuse.approveHint')} value={reason} onValueChange={setReason} />
              <button type="button" className="btn btn--secondary" disabled={busy || reason.trim().length < 5} onClick={() => void approve()}>
                {t('reuse.approve')}
              </button>
            </>
          ) : null}
        </div>
      ) : (
        <p className="muted">{t('reuse.intro', { id: docs.idNumber })}</p>
      )}
      {groups.length === 0 && docs.blockedReason === null ? <p>{t('reuse.none')}</p> : null}
      <div className="reuse-list">
        {groups.map((g) => (
          <fieldset key={`${g.dossierId}:${String(g.componentId)}`} className="reuse-group">
            <legend className="reuse-group__title">{t('reuse.group', { component: g.componentName })}</legend>
            <p className="muted small">
              {t('reuse.from', { code: g.localCode, procedure: g.procedureName })} ·{' '}
              <strong>{t('reuse.digitizedOn', { date: formatDate(g.digitizedAt) })}</strong>
            </p>
            <ul className="reuse-group__pages">
              {g.pages.map((p, i) => (
                <li key={p.pageId}>
                  <label className={`reuse-check${chosen.has(p.pageId) ? ' reuse-check--on' : ''}`}>
                    <ReuseThumb dossierId={dossierId} pageId={p.pageId} />
                    <span className="reuse-check__line">
                      <input
                        type="checkbox"
                        checked={chosen.has(p.pageId)}
                        disabled={p.alreadyHere}
                        onChange={(e) => toggle(p.pageId, e.target.checked)}
                      />
                      <span>
                        {t('reuse.page', { n: i + 1, file: p.sourceName })}{' '}
                        {p.alreadyHere ? <span className="muted">{t('reuse.alreadyHere')}</span> : null}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
      </div>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

/** What the page looks like, so the agent re-uses the right paper (decorative: the checkbox's text names the page). */
function ReuseThumb({ dossierId, pageId }: { dossierId: string; pageId: string }) {
  const t = useT();
  const image = useReusableThumb(dossierId, pageId);
  return (
    <span className="reuse-thumb" aria-hidden="true">
      {image.url ? <img src={image.url} alt="" /> : <span className="muted small">{image.failed ? t('page.imageFailed') : t('page.imageLoading')}</span>}
    </span>
  );
}
