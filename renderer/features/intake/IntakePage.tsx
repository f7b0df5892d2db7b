// The intake screen: applicant, subject, filing mode and delivery (autosaved), case and checklist, fee, ready + receipt.
import { useEffect, useMemo, useRef, useState } from 'react';
import { unconfirmedFields } from '../../../electron/common/applicant';
import type { DossierDetail, DossierStatus } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { ApplicantForm } from './ApplicantForm';
import { DeclarationSection, type DeclarationHandle } from '../forms/DeclarationSection';
import { ChecklistSection } from './ChecklistSection';
import { ConsentPanel } from './ConsentPanel';
import { CancelDraftButton } from './CancelDraftButton';
import { ChangeProcedureButton, ProcedureChangedNotice, type ProcedureChange } from './ChangeProcedureDialog';
import { DossierHeader } from './DossierHeader';
import { FeePanel } from './FeePanel';
import { FilingPanel } from './FilingPanel';
import { PortalFixNotice, portalFieldProblems, usePortalFix } from './PortalFixNotice';
import { ReadyPanel } from './ReadyPanel';
import { ReceiptPanel } from './ReceiptPanel';
import { ReturnNotice } from './ReturnNotice';
import { SaveStatus } from './SaveStatus';
import { useAutosave, type IntakeDraft } from './use-autosave';
import { intakeProblems, useIntakeForm } from './use-intake-form';
import { OpenDossierContext, useDossier, useOcrDossierFocus } from './use-dossier';

/** Statuses in which core accepts edits (electron/core/dossiers/lifecycle.ts EDITABLE). */
export const editableStatuses: readonly DossierStatus[] = ['draft', 'returned', 'needs_fix'];

export function IntakePage({ id }: { id: string }) {
  const t = useT();
  const dossier = useDossier(id);
  useOcrDossierFocus(id);
  const [procedureChange, setProcedureChange] = useState<ProcedureChange | null>(null);
  if (!dossier.detail) {
    return dossier.loadError ? (
      <ErrorNotice>{t('intake.notFound', { message: errorText(dossier.loadError, t) })}</ErrorNotice>
    ) : (
      <p aria-busy="true">{t('common.loading')}</p>
    );
  }
  return (
    <OpenDossierContext.Provider value={id}>
      {/* a new procedure is a new checklist, mode and fee: the editor starts again from the dossier as core left it */}
      <IntakeEditor
        key={dossier.detail.procedureCode}
        detail={dossier.detail}
        refresh={dossier.refresh}
        replace={dossier.replace}
        procedureChange={procedureChange}
        onProcedureChange={(result) => {
          dossier.replace(result.detail);
          setProcedureChange(result);
        }}
      />
    </OpenDossierContext.Provider>
  );
}

function draftOf(detail: DossierDetail): IntakeDraft {
  return { applicant: detail.applicant, delivery: detail.delivery, mode: detail.mode, subjectName: detail.subject?.name ?? '' };
}

type EditorProps = {
  detail: DossierDetail;
  refresh(): Promise<void>;
  replace(d: DossierDetail): void;
  /** the last "Đổi thủ tục" of this screen, said once above the form */
  procedureChange: ProcedureChange | null;
  onProcedureChange(result: ProcedureChange): void;
};

function IntakeEditor({ detail, refresh, replace, procedureChange, onProcedureChange }: EditorProps) {
  const api = useApi();
  const t = useT();
  const editable = editableStatuses.includes(detail.status);
  // the portal's refusal (needs_fix): its messages sit on their fields until the agent changes what was sent
  const portalFix = usePortalFix(detail);
  const portalProblems = useMemo(() => portalFieldProblems(portalFix), [portalFix]);
  // the values live in react-hook-form (checked by checkApplicant); the autosave watches them and keeps the version check
  const intake = useIntakeForm(draftOf(detail), portalProblems, editable);
  const autosave = useAutosave(detail.id, intake.form, editable, {
    version: detail.version,
    draft: draftOf(detail),
    subjectFromForm: detail.subject?.fromForm ?? false,
  });
  const { draft } = autosave;
  const [justReady, setJustReady] = useState(false);

  const problems = useMemo(() => intakeProblems(draft, t), [draft, t]);
  // values read from the ID card wait for the agent's "Xác nhận": said at "Đánh dấu sẵn sàng", not while reading
  const unconfirmed = useMemo(() => unconfirmedFields(draft.applicant), [draft.applicant]);
  const declaration = useRef<DeclarationHandle | null>(null);
  const shown = intake.shown;

  // a saved change of filing mode changes the checklist's requirements and the fee: read them again
  const lastSave = autosave.lastResult;
  const modeChanged = draft.mode !== detail.mode;
  useEffect(() => {
    if (lastSave && modeChanged) void refresh();
  }, [lastSave, modeChanged, refresh]);

  // a dossier just opened from the catalog (Enter on the top hit): the agent types the applicant's name at once
  const openedEmpty = useRef(editable && (detail.applicant.fullName ?? '').trim() === '');
  useEffect(() => {
    if (openedEmpty.current) document.getElementById('applicant-fullName')?.focus();
  }, []);

  const blur = (field: string) => {
    intake.touch(field);
    void autosave.flush();
  };

  async function markReady(options: { overrideReason?: string; dueDate?: string }): Promise<string | null> {
    await autosave.flush();
    const keys = [...Object.keys(problems), ...unconfirmed.filter((f) => !(f in problems))];
    if (keys.length > 0) {
      await intake.showAll();
      focusField(keys[0] ?? '');
      return t('intake.fixProblems', { count: keys.length });
    }
    // the declaration form (tờ khai) the agent started: complete, every read-in value confirmed
    const formProblem = (await declaration.current?.beforeReady()) ?? null;
    if (formProblem) return formProblem;
    try {
      replace(await api.call('dossiers.markReady', { id: detail.id, ...options }));
      setJustReady(true);
      return null;
    } catch (err) {
      if (isApiError(err) && (err.code === 'APPLICANT_INCOMPLETE' || err.code === 'VALIDATION' || err.code === 'APPLICANT_UNCONFIRMED')) {
        await intake.showAll();
        intake.setServerErrors(err.fields ?? {});
      }
      // the part of the screen the refusal is about
      if (isApiError(err) && err.code === 'CASE_REQUIRED') document.querySelector<HTMLInputElement>('.case-picker input')?.focus();
      if (isApiError(err) && err.code === 'FEE_REQUIRED') document.getElementById('fee-override-amount')?.focus();
      return errorText(err, t);
    }
  }

  return (
    <div className="intake">
      <DossierHeader
        detail={detail}
        aside={
          editable ? (
            <>
              <SaveStatus
                state={autosave.state}
                onRetry={() => void autosave.flush()}
                onReload={() => {
                  // the refused edit is dropped first, or the reload's own flush would try it once more
                  autosave.discard();
                  window.location.reload();
                }}
              />
              {detail.status === 'draft' ? (
                <>
                  <ChangeProcedureButton detail={detail} flush={autosave.flush} onChanged={onProcedureChange} />
                  <CancelDraftButton detail={detail} beforeCancel={autosave.discard} />
                </>
              ) : null}
            </>
          ) : null
        }
      />
      {procedureChange && procedureChange.detail.procedureCode === detail.procedureCode ? (
        <ProcedureChangedNotice change={procedureChange} />
      ) : null}
      <ReturnNotice detail={detail} />
      <PortalFixNotice detail={detail} fix={portalFix} />
      {editable ? null : <ReceiptPanel detail={detail} focusOnMount={justReady} />}
      {!editable && detail.status !== 'ready' ? (
        <p className="notice notice--info">{t('intake.readOnly')}</p>
      ) : null}
      <form
        className="intake__form"
        aria-label={t('intake.formLabel')}
        onSubmit={(e) => e.preventDefault()}
        onKeyDown={(e) => {
          // Enter in a one-line field saves at once instead of waiting for the typing pause
          if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
            e.preventDefault();
            void autosave.flush();
          }
        }}
      >
        <ApplicantForm
          applicant={draft.applicant}
          onChange={(change) => intake.change((d) => ({ ...d, applicant: change(d.applicant) }))}
          problems={shown}
          onFieldBlur={blur}
          readOnly={!editable}
          dossierId={detail.id}
          onPagesChanged={() => void refresh()}
        />
        {detail.subject ? (
          <div className="card subject-field">
            {/* once the declaration form is started it names the subject (khai sinh: the child): one place to type it */}
            {detail.subject.fromForm ? (
              <TextField
                id="subject-name"
                label={detail.subject.label}
                value={detail.subject.name}
                onValueChange={() => undefined}
                hint={t('subject.fromForm')}
                placeholder={t('subject.fromFormEmpty')}
                readOnly
                autoComplete="off"
              />
            ) : (
              <TextField
                id="subject-name"
                label={detail.subject.label}
                value={draft.subjectName}
                onValueChange={(subjectName) => intake.change((d) => ({ ...d, subjectName }))}
                onBlur={() => blur('subjectName')}
                hint={t('intake.subjectHint')}
                readOnly={!editable}
                autoComplete="off"
              />
            )}
          </div>
        ) : null}
        <FilingPanel
          modes={detail.modes}
          mode={draft.mode}
          delivery={draft.delivery}
          onModeChange={(mode) => intake.change((d) => ({ ...d, mode }))}
          onDeliveryChange={(change) => intake.change((d) => ({ ...d, delivery: change(d.delivery) }))}
          onFieldBlur={blur}
          problems={shown}
          readOnly={!editable}
        />
      </form>
      <DeclarationSection ref={declaration} detail={detail} editable={editable} applicant={draft.applicant} />
      <ChecklistSection
        detail={detail}
        readOnly={!editable}
        refresh={refresh}
        replace={replace}
        flush={autosave.flush}
        applicantIdNumber={draft.applicant.idNumber ?? ''}
      />
      {editable ? <FeePanel detail={detail} readOnly={!editable} onDetail={replace} /> : null}
      {/* the citizen's consent (issue 11): recorded after the notice is read, before "ready"; withdrawal any time */}
      <ConsentPanel dossierId={detail.id} status={detail.status} onChanged={() => void refresh()} />
      {editable ? (
        <ReadyPanel
          detail={detail}
          applicantOk={Object.keys(problems).length === 0 && unconfirmed.length === 0}
          markReady={markReady}
        />
      ) : null}
    </div>
  );
}

function focusField(path: string): void {
  const id = path === 'delivery.address' ? 'delivery-address' : `applicant-${path.replace('.', '-')}`;
  document.getElementById(id)?.focus();
}

