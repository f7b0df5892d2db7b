// One document of the checklist editor: counter label, hidden, requirement (overall and per mode), condition.
import type { CatalogDocument, CatalogFilingMode, Requirement } from '../../../electron/common/catalog';
import { useT } from '../../i18n/i18n-context';
import { SelectField, TextField } from '../../ui/Field';
import type { DocumentDraft } from './correction-draft';

type Props = {
  doc: CatalogDocument;
  draft: DocumentDraft;
  modes: readonly CatalogFilingMode[];
  conflict: string | null;
  onChange(next: DocumentDraft): void;
};

export function DocumentEditor({ doc, draft, modes, conflict, onChange }: Props) {
  const t = useT();
  const id = `doc-${doc.key}`;
  const requirementOptions = (['required', 'conditional', 'optional'] as const).map((r) => ({
    value: r,
    label: t(`catalogEditor.requirement.${r}`),
  }));
  const set = (patch: Partial<DocumentDraft>) => onChange({ ...draft, ...patch });
  const counts =
    doc.originals === null && doc.copies === null
      ? ''
      : t('catalogEditor.counts', { originals: doc.originals ?? '?', copies: doc.copies ?? '?' });
  return (
    <fieldset className={`fieldset doc-editor${draft.hidden ? ' doc-editor--hidden' : ''}`} aria-describedby={`${id}-facts`}>
      <legend className="fieldset__legend doc-editor__name">{doc.name}</legend>
      <p id={`${id}-facts`} className="muted small doc-editor__facts">
        {t(doc.kind === 'show' ? 'catalogEditor.kind.show' : 'catalogEditor.kind.submit')}
        {counts ? ` · ${counts}` : ''}
        {doc.onlyModes ? ` · ${t('catalogEditor.onlyModes', { modes: doc.onlyModes.map((m) => t(`catalogEditor.mode.${m}`)).join(', ') })}` : ''}
      </p>
      {conflict ? (
        <p className="notice notice--warn small" role="note">
          {conflict}
        </p>
      ) : null}
      <div className="doc-editor__row">
        <TextField
          id={`${id}-label`}
          label={t('catalogEditor.label')}
          value={draft.label}
          placeholder={doc.name.length > 60 ? `${doc.name.slice(0, 59)}…` : doc.name}
          maxLength={120}
          onValueChange={(label) => set({ label })}
          frameClassName="doc-editor__label"
        />
        {draft.hidden ? null : (
          <>
            <SelectField
              id={`${id}-requirement`}
              label={t('catalogEditor.requirementLabel')}
              value={draft.requirement}
              options={requirementOptions}
              onValueChange={(v) => set({ requirement: v as Requirement })}
            />
            {modes.map((mode) => (
              <SelectField
                key={mode}
                id={`${id}-req-${mode}`}
                label={t('catalogEditor.requirementIn', { mode: t(`catalogEditor.mode.${mode}`) })}
                value={draft.byMode[mode]}
                options={[{ value: '', label: t('catalogEditor.requirementSame') }, ...requirementOptions]}
                onValueChange={(v) => set({ byMode: { ...draft.byMode, [mode]: v as Requirement | '' } })}
              />
            ))}
          </>
        )}
        <label className="check doc-editor__hide">
          <input type="checkbox" checked={draft.hidden} onChange={(e) => set({ hidden: e.target.checked })} />
          {t('catalogEditor.hidden')}
        </label>
      </div>
      {!draft.hidden && (draft.requirement === 'conditional' || Object.values(draft.byMode).includes('conditional')) ? (
        <TextField
          id={`${id}-condition`}
          label={t('catalogEditor.condition')}
          hint={t('catalogEditor.conditionHint')}
          value={draft.condition}
          maxLength={300}
          onValueChange={(condition) => set({ condition })}
        />
      ) : null}
    </fieldset>
  );
}
