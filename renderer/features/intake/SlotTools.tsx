// Beside "Thêm trang" in each slot: camera, re-use of earlier scans, and "the scanner's pages come here".
import { useState } from 'react';
import type { DossierComponent } from '../../../electron/common/contract';
import type { ReusableDocuments } from '../../../electron/common/digitize-contract';
import { useT } from '../../i18n/i18n-context';
import '../../ui/styles/digitize.css';
import { CameraDialog } from './CameraDialog';
import { CameraIcon, ReuseIcon, ScannerIcon } from './digitize-icons';
import { ReuseDialog } from './ReuseDialog';

type SlotToolsProps = {
  dossierId: string;
  component: DossierComponent;
  /** the one-line look of an optional slot without pages: icon buttons only */
  compact: boolean;
  /** a scan folder is set: show where its pages go */
  scannerActive: boolean;
  isScanTarget: boolean;
  onChooseScanTarget(): void;
  reusable: ReusableDocuments | null;
  onReused(): void;
  onChanged(): Promise<void>;
};

export function SlotTools(props: SlotToolsProps) {
  const { dossierId, component, reusable } = props;
  const t = useT();
  const [open, setOpen] = useState<'camera' | 'reuse' | null>(null);
  // closed re-use (no card read yet) is offered too, to say how to open it: whether papers exist is not told
  const hasReusable = (reusable?.groups.length ?? 0) > 0 || (!props.compact && (reusable?.blockedReason ?? null) !== null);
  const compact = props.compact;
  // a compact slot takes scans only when the agent works in it (focus): no button for that there
  const scanTool = !props.scannerActive ? null : props.isScanTarget ? (
    <span className="badge badge--info slot-tools__target" title={t('scanner.slotTarget')}>
      <ScannerIcon />
      {compact ? <span className="visually-hidden">{t('scanner.slotTarget')}</span> : t('scanner.slotTarget')}
    </span>
  ) : compact ? null : (
    <button type="button" className="btn btn--ghost btn--small" onClick={props.onChooseScanTarget}>
      <ScannerIcon />
      {t('scanner.useSlot')}
    </button>
  );
  return (
    <div className={`slot-tools${compact ? ' slot-tools--compact' : ''}`}>
      {compact ? (
        <button
          type="button"
          className="btn btn--ghost btn--icon"
          aria-label={t('camera.open')}
          title={t('camera.open')}
          onClick={() => setOpen('camera')}
        >
          <CameraIcon />
        </button>
      ) : (
        <button type="button" className="btn btn--secondary" onClick={() => setOpen('camera')}>
          <CameraIcon />
          {t('camera.open')}
        </button>
      )}
      {hasReusable ? (
        <button type="button" className={compact ? 'btn btn--ghost btn--small' : 'btn btn--ghost'} onClick={() => setOpen('reuse')}>
          <ReuseIcon />
          {t('reuse.open')}
        </button>
      ) : null}
      {scanTool}
      {open === 'camera' ? (
        <CameraDialog dossierId={dossierId} component={component} onClose={() => setOpen(null)} onChanged={props.onChanged} />
      ) : null}
      {open === 'reuse' && reusable ? (
        <ReuseDialog
          dossierId={dossierId}
          component={component}
          docs={reusable}
          onClose={() => setOpen(null)}
          onDone={async () => {
            props.onReused();
            await props.onChanged();
          }}
        />
      ) : null}
    </div>
  );
}
