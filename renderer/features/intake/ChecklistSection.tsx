// The checklist part of intake: the case picker first, the notice of pages moved by a case change, the checklist and
// the "Lưu ý" panel beside it.
import { useState } from 'react';
import type { DossierDetail } from '../../../electron/common/contract';
import type { MovedPages } from '../../../electron/common/dossier-contract';
import { useT } from '../../i18n/i18n-context';
import { CasePicker } from './CasePicker';
import { ComponentChecklist } from './ComponentChecklist';
import { NotesPanel } from './NotesPanel';
import './checklist.css';

type ChecklistSectionProps = {
  detail: DossierDetail;
  readOnly: boolean;
  refresh(): Promise<void>;
  replace(detail: DossierDetail): void;
  flush(): Promise<void>;
  applicantIdNumber: string;
};

export function ChecklistSection({
  detail,
  readOnly,
  refresh,
  replace,
  flush,
  applicantIdNumber,
}: ChecklistSectionProps) {
  const t = useT();
  const [moved, setMoved] = useState<MovedPages>([]);
  const hasCases = detail.cases.length > 0;
  // a procedure with cases shows only the picker until one is chosen: the common documents alone would mislead
  const showChecklist = !hasCases || detail.caseKey !== null;
  return (
    <div className={`checklist-layout${detail.notes.length > 0 ? ' checklist-layout--notes' : ''}`}>
      <div className="checklist-main">
        {hasCases ? (
          <CasePicker
            detail={detail}
            readOnly={readOnly}
            flush={flush}
            onPicked={(d, m) => {
              replace(d);
              setMoved(m);
            }}
          />
        ) : null}
        {moved.length > 0 ? (
          <div className="notice notice--info moved-notice" role="status">
            <ul>
              {moved.map((m) => (
                <li key={m.from}>{t('checklist.movedPages', { pages: m.pages, count: m.pages, from: m.from })}</li>
              ))}
            </ul>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setMoved([])}>
              {t('checklist.movedDismiss')}
            </button>
          </div>
        ) : null}
        {showChecklist ? (
          <ComponentChecklist
            dossierId={detail.id}
            components={detail.components}
            readOnly={readOnly}
            onChanged={refresh}
            applicantIdNumber={applicantIdNumber}
          />
        ) : null}
      </div>
      {/* beside the case picker and the checklist, so the rules stay in view while the agent works */}
      <NotesPanel notes={detail.notes} />
    </div>
  );
}
