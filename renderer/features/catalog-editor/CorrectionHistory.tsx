// Who corrected the procedure's checklist, when, and why: every saved version, newest first.
import type { CorrectionVersion } from '../../../electron/common/catalog';
import { formatDateTime } from '../../../electron/common/format';
import { useT } from '../../i18n/i18n-context';

export function CorrectionHistory({ versions, current }: { versions: CorrectionVersion[]; current: number | null }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="correction-history-title">
      <h2 id="correction-history-title" className="section-title">
        {t('catalogEditor.history')}
      </h2>
      {versions.length === 0 ? (
        <p className="muted">{t('catalogEditor.historyEmpty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('catalogEditor.historyVersion')}</th>
              <th scope="col">{t('catalogEditor.historyWho')}</th>
              <th scope="col">{t('catalogEditor.historyWhen')}</th>
              <th scope="col">{t('catalogEditor.historyNote')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td className="nowrap">
                  {v.version}
                  {v.version === current ? <span className="tag tag--good"> {t('catalogEditor.historyCurrent')}</span> : null}
                </td>
                <td>{v.createdByName}</td>
                <td className="nowrap">{formatDateTime(v.createdAt)}</td>
                <td>{v.note || t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
