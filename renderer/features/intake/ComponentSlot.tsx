// One document slot of the checklist: its requirement and answers, its pages, file picker and drop zone, its PDF.
import { useState, type DragEvent, type ReactNode } from 'react';
import type { DossierComponent, Page } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import { saveFile } from '../../api/shell';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';
import { DownloadIcon } from '../../ui/icons';
import { AddPagesButton } from './AddPagesButton';
import { slotLabel } from './component-name';
import { RequirementBadge } from './RequirementBadge';
import { AppliesToggle, SeenTick } from './SlotAnswers';
import { PageCard, type PageAction } from './PageCard';
import { PageViewer } from './PageViewer';
import { MovePageDialog } from './MovePageDialog';
import { formatErrorMessage } from '../../../electron/common/errors';
import { filledByForm, FormSlotNote, FormSlotTag } from '../forms/FormSlotNote';

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

type ComponentSlotProps = {
  dossierId: string;
  component: DossierComponent;
  readOnly: boolean;
  onChanged(): Promise<void>;
  onFocusSlot(): void;
  /** Ctrl+O files pages here: marked on screen */
  isPagesTarget?: boolean;
  /** the other slots a page of this one can be moved to */
  moveTargets?: DossierComponent[];
  /** more ways to add pages (camera, re-use, scanner target), shown beside "Thêm trang" */
  tools?: ReactNode;
};

export function ComponentSlot({
  dossierId,
  component,
  readOnly,
  onChanged,
  onFocusSlot,
  isPagesTarget = false,
  moveTargets = [],
  tools,
}: ComponentSlotProps) {
  const api = useApi();
  const t = useT();
  const [uploading, setUploading] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busyPage, setBusyPage] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Page | null>(null);
  const [moving, setMoving] = useState<Page | null>(null);
  const [dragging, setDragging] = useState(false);
  const headingId = `component-${String(component.id)}-title`;
  const inputId = `component-${String(component.id)}-file`;
  // a tờ khai slot the form filled in the app stands in for is received without a page (FormSlotNote says how)
  const missing = component.required && component.kind === 'submit' && component.pages.length === 0 && !filledByForm(component);
  const name = slotLabel(component);
  // an optional slot with no pages is one line, so a procedure with thirty components stays scannable
  const compact = !readOnly && component.pages.length === 0 && !component.required;

  async function addFiles(files: File[]): Promise<void> {
    if (files.length === 0 || readOnly) return;
    setErrors([]);
    const found: string[] = [];
    for (const file of files) {
      if (file.size > MAX_UPLOAD_BYTES) {
        // the same message core gives, without sending 50+ MB over the transport first
        found.push(formatErrorMessage('FILE_TOO_LARGE', { name: file.name }));
        continue;
      }
      setUploading(file.name);
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        await api.call('pages.add', { dossierId, componentId: component.id, fileName: file.name, bytes });
      } catch (err) {
        found.push(errorText(err, t));
      }
      await onChanged();
    }
    setUploading(null);
    setErrors(found);
  }

  async function pageAction(page: Page, index: number, action: PageAction): Promise<void> {
    if (action === 'view') return setViewing(page.id);
    if (action === 'delete') return setDeleting(page);
    if (action === 'moveTo') return setMoving(page);
    setBusyPage(page.id);
    setErrors([]);
    try {
      if (action === 'rotate') await api.call('pages.rotate', { pageId: page.id, clockwise: true });
      if (action === 'retryOcr') await api.call('pages.retryOcr', { pageId: page.id });
      if (action === 'acceptQuality') await api.call('pages.acceptQuality', { pageId: page.id });
      if (action === 'up' || action === 'down') {
        await api.call('pages.move', { pageId: page.id, toIndex: action === 'up' ? index - 1 : index + 1 });
      }
      await onChanged();
    } catch (err) {
      setErrors([errorText(err, t)]);
    } finally {
      setBusyPage(null);
    }
  }

  async function confirmDelete(page: Page): Promise<void> {
    setDeleting(null);
    setBusyPage(page.id);
    try {
      await api.call('pages.remove', { pageId: page.id });
      await onChanged();
      keepFocusInSlot();
    } catch (err) {
      setErrors([errorText(err, t)]);
    } finally {
      setBusyPage(null);
    }
  }

  /** the page (and the button that acted on it) is gone: focus stays in this slot instead of falling to the page top */
  function keepFocusInSlot(): void {
    if (document.activeElement === document.body || !document.activeElement?.isConnected) document.getElementById(inputId)?.focus();
  }

  async function downloadPdf(): Promise<void> {
    try {
      await saveFile(await api.call('documents.componentPdf', { dossierId, componentId: component.id }));
    } catch (err) {
      setErrors([errorText(err, t)]);
    }
  }

  const dropHandlers = readOnly
    ? {}
    : {
        onDragOver: (e: DragEvent) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        },
        onDragLeave: (e: DragEvent) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          setDragging(false);
          void addFiles([...e.dataTransfer.files]);
        },
      };

  const viewedIndex = component.pages.findIndex((p) => p.id === viewing);
  const viewed = component.pages[viewedIndex];
  const counts = [
    component.originals !== null ? t('intake.originals', { count: component.originals }) : null,
    component.copies !== null ? t('intake.copies', { count: component.copies }) : null,
  ].filter(Boolean);

  return (
    <section
      className={`slot${missing ? ' slot--missing' : ''}${dragging ? ' slot--drop' : ''}${compact ? ' slot--compact' : ''}${isPagesTarget ? ' slot--target' : ''}`}
      aria-labelledby={headingId}
      data-slot-id={component.id}
      onFocus={onFocusSlot}
      {...dropHandlers}
    >
      <header className="slot__header">
        <div className="slot__heading">
          <h4 id={headingId} className="slot__title">
            {name}
          </h4>
          {/* the full wording of the law under the counter label; the condition of a conditional document */}
          {name !== component.name ? <p className="slot__fullname">{component.name}</p> : null}
          {component.requirement === 'conditional' && component.condition ? (
            <p className="slot__condition">{t('checklist.condition', { condition: component.condition })}</p>
          ) : null}
          <FormSlotNote component={component} />
          {isPagesTarget ? (
            <p className="slot__target" data-pages-target>
              <kbd className="kbd">Ctrl+O</kbd> {t('slot.pagesTarget')}
            </p>
          ) : null}
        </div>
        <div className="slot__tags">
          <RequirementBadge slot={component} />
          {component.requirement === 'conditional' ? (
            <AppliesToggle component={component} readOnly={readOnly} onChanged={onChanged} />
          ) : null}
          {component.kind === 'show' && component.requirement !== 'not_applicable' ? (
            <SeenTick component={component} readOnly={readOnly} onChanged={onChanged} />
          ) : null}
          {counts.map((c) => (
            <span key={c} className="tag">
              {c}
            </span>
          ))}
          <FormSlotTag component={component} />
          <span hidden={filledByForm(component)} className={`tag ${missing ? 'tag--bad' : component.pages.length > 0 ? 'tag--good' : ''}`}>
            {component.pages.length > 0
              ? t('intake.pageCount', { count: component.pages.length })
              : missing
                ? t('intake.missing')
                : t('intake.pageCount', { count: 0 })}
          </span>
          {compact ? (
            <AddPagesButton
              inputId={inputId}
              disabled={uploading !== null}
              showHint={false}
              onFiles={(files) => void addFiles(files)}
            />
          ) : null}
          {compact ? tools : null}
        </div>
      </header>

      {component.pages.length > 0 ? (
        <ol className="page-list">
          {component.pages.map((page, i) => (
            <PageCard
              key={page.id}
              page={page}
              index={i}
              count={component.pages.length}
              componentName={name}
              readOnly={readOnly}
              busy={busyPage === page.id}
              onAction={(action) => void pageAction(page, i, action)}
            />
          ))}
        </ol>
      ) : readOnly || compact || filledByForm(component) ? null : (
        <p className="slot__empty">{t('intake.noPages')}</p>
      )}

      {(readOnly ? [] : errors).map((message) => (
        <p key={message} className="notice notice--error" role="alert">
          {message}
        </p>
      ))}
      {uploading ? (
        <p className="notice notice--info" role="status">
          {t('intake.uploading', { name: uploading })}
        </p>
      ) : null}
      {dragging ? <p className="slot__drop-hint">{t('intake.dropHere', { name })}</p> : null}

      {compact || (readOnly && component.pages.length === 0) ? null : (
        <footer className="slot__footer">
          {readOnly || compact ? null : (
            <AddPagesButton
              inputId={inputId}
              disabled={uploading !== null}
              showHint
              onFiles={(files) => void addFiles(files)}
            />
          )}
          {readOnly || compact ? null : tools}
          {component.pages.length > 0 ? (
            <button type="button" className="btn btn--ghost" onClick={() => void downloadPdf()}>
              <DownloadIcon />
              {t('intake.downloadComponentPdf')}
            </button>
          ) : null}
        </footer>
      )}

      {viewed ? (
        <PageViewer
          page={viewed}
          index={viewedIndex}
          componentName={name}
          onClose={() => setViewing(null)}
        />
      ) : null}
      {moving ? (
        <MovePageDialog
          page={moving}
          n={component.pages.findIndex((p) => p.id === moving.id) + 1}
          from={component}
          targets={moveTargets}
          onClose={() => setMoving(null)}
          onMoved={async () => {
            await onChanged();
            setTimeout(keepFocusInSlot, 0); // after the dialog has handed focus back to a button that left with the page
          }}
        />
      ) : null}
      {deleting ? (
        <Dialog
          title={t('page.deleteTitle')}
          role="alertdialog"
          onClose={() => setDeleting(null)}
          footer={
            <>
              <button type="button" className="btn btn--ghost" onClick={() => setDeleting(null)}>
                {t('common.cancel')}
              </button>
              {/* the agent asked to delete: Enter confirms (focus on ×/Huỷ made Enter cancel, issue 13) */}
              <button type="button" className="btn btn--danger" onClick={() => void confirmDelete(deleting)} data-autofocus>
                {t('common.delete')}
              </button>
            </>
          }
        >
          <p>
            {t('page.deleteBody', {
              n: component.pages.findIndex((p) => p.id === deleting.id) + 1,
              component: name,
              file: deleting.sourceName,
            })}
          </p>
        </Dialog>
      ) : null}
    </section>
  );
}
