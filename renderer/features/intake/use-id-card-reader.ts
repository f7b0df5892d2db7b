// Reading a CCCD picture for the open dossier: file picker or drop on the applicant section, state for the panel.
import { useState, type DragEvent } from 'react';
import type { ApplicantDraft, AutoFillField } from '../../../electron/common/applicant';
import { autoFillFields } from '../../../electron/common/applicant';
import { formatErrorMessage } from '../../../electron/common/errors';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { applyReading, type IdCardReading } from './id-card-fill';

const MAX_CARD_BYTES = 50 * 1024 * 1024;
const cardFile = /\.(jpe?g|png|tiff?)$/i;

export type ReaderState =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string }
  | { kind: 'done'; reading: IdCardReading }
  | { kind: 'error'; message: string };

export type IdCardReader = {
  state: ReaderState;
  dragging: boolean;
  read(file: File): Promise<void>;
  dropHandlers: {
    onDragOver(e: DragEvent): void;
    onDragLeave(e: DragEvent): void;
    onDrop(e: DragEvent): void;
  } | null;
};

export function useIdCardReader(opts: {
  dossierId: string;
  enabled: boolean;
  onChange(change: (a: ApplicantDraft) => ApplicantDraft): void;
  /** fields just filled from the card (so their problems show at once, and the draft is saved) */
  onFilled(fields: AutoFillField[]): void;
  /** the card picture was kept as a page: the checklist should reload */
  onAttached(): void;
}): IdCardReader {
  const api = useApi();
  const t = useT();
  const [state, setState] = useState<ReaderState>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  async function read(file: File): Promise<void> {
    if (!opts.enabled || state.kind === 'reading') return;
    if (file.size > MAX_CARD_BYTES) {
      setState({ kind: 'error', message: formatErrorMessage('FILE_TOO_LARGE', { name: file.name }) });
      return;
    }
    setState({ kind: 'reading', name: file.name });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const reading = await api.call('idcard.read', { dossierId: opts.dossierId, fileName: file.name, bytes });
      opts.onChange((a) => applyReading(a, reading));
      opts.onFilled(autoFillFields.filter((f) => reading.fields[f] !== undefined));
      if (reading.attachedTo) opts.onAttached();
      setState({ kind: 'done', reading });
    } catch (err) {
      setState({ kind: 'error', message: errorText(err, t) });
    }
  }

  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  const dropHandlers = opts.enabled
    ? {
        onDragOver: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        },
        onDragLeave: (e: DragEvent) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          setDragging(false);
          const file = [...e.dataTransfer.files].find((f) => cardFile.test(f.name)) ?? e.dataTransfer.files[0];
          if (file) void read(file);
        },
      }
    : null;

  return { state, dragging, read, dropHandlers };
}
