// What a checklist slot asks of the citizen in this dossier's mode: Bắt buộc / Có điều kiện / Không bắt buộc / other modes.
import type { DossierComponent, FilingMode } from '../../../electron/common/contract';
import { useT, type Translate } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/vi';

const modeWords: Record<FilingMode, MessageKey> = {
  direct: 'intake.onlyModes.direct',
  online: 'intake.onlyModes.online',
  postal: 'intake.onlyModes.postal',
};

type Slot = Pick<DossierComponent, 'requirement' | 'onlyModes' | 'docKey'>;

/** "Chỉ khi nộp trực tiếp hoặc qua bưu chính" for a document meant for other filing modes than the dossier's */
export function onlyModesLabel(t: Translate, slot: Pick<DossierComponent, 'onlyModes'>): string | null {
  if (slot.onlyModes === null) return null;
  const listed = (['direct', 'online', 'postal'] as const).filter((m) => slot.onlyModes?.includes(m));
  return t('intake.onlyModes', { modes: listed.map((m) => t(modeWords[m])).join(t('intake.onlyModes.or')) });
}

export function RequirementBadge({ slot }: { slot: Slot }) {
  const t = useT();
  switch (slot.requirement) {
    case 'required':
      return <span className="badge badge--warn">{t('checklist.requirement.required')}</span>;
    case 'conditional':
      return <span className="badge badge--info">{t('checklist.requirement.conditional')}</span>;
    case 'optional':
      // "Giấy tờ khác" is there for anything extra: no badge needed
      return slot.docKey === 'other' ? null : (
        <span className="tag">{t('checklist.requirement.optional')}</span>
      );
    case 'not_applicable': {
      const label = onlyModesLabel(t, slot);
      return label ? <span className="tag">{label}</span> : null;
    }
  }
}
