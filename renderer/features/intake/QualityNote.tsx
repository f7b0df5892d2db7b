// The quality gate's warnings on one page ("Trang 2 bị mờ, hãy quét lại"), and the agent's choice to keep it anyway.
import type { Page } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { useT, type Translate } from '../../i18n/i18n-context';

type Warning = NonNullable<Page['qualityWarnings']>[number];

/** The warning in the UI's language, numbered with the page's place now (the core's message is the fallback). */
export function qualityText(w: Warning, n: number, t: Translate): string {
  switch (w.code) {
    case 'cut_off': {
      const sides = (w.edges ?? []).map((e) => t(`quality.edge.${e}`)).join(', ');
      return t('quality.cut_off', { n, sides: sides || t('quality.edge.any') });
    }
    case 'low_resolution':
      return t('quality.low_resolution', { n, dpi: w.dpi ?? 0 });
    default:
      return t(`quality.${w.code}`, { n });
  }
}

type QualityNoteProps = {
  page: Page;
  n: number;
  /** the intake screen offers "keep it anyway"; the review screen only shows what was decided */
  onAccept?: () => void;
  busy?: boolean;
};

export function QualityNote({ page, n, onAccept, busy = false }: QualityNoteProps) {
  const t = useT();
  const warnings = page.qualityWarnings ?? [];
  if (warnings.length === 0) return null;
  const accepted = page.qualityAccepted ?? null;
  const list = (
    <ul className="quality-note__list">
      {warnings.map((w) => (
        <li key={w.code}>{qualityText(w, n, t)}</li>
      ))}
    </ul>
  );
  if (accepted) {
    return (
      <div className="quality-note quality-note--kept">
        <details>
          <summary>{t('quality.kept', { name: accepted.byName, time: formatDateTime(accepted.at) })}</summary>
          {list}
        </details>
      </div>
    );
  }
  return (
    <div className="quality-note" role="status">
      {list}
      {onAccept ? (
        <div className="quality-note__actions">
          <span className="quality-note__hint">{t('quality.decide')}</span>
          <button type="button" className="btn btn--small btn--secondary" disabled={busy} onClick={onAccept}>
            {t('quality.keep')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
