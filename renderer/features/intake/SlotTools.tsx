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
  const hasReusable = (reusable?.groups.length ?? 0) > 0;
  return (
    <div className="slot-tools">
      <button type="button" className="btn btn--secondary" onClick={() => setOpen('camera')}>
        <CameraIcon />
        {t('camera.open')}
      </button>
      {hasReusable ? (
        <button type="button" className="btn btn--ghost" onClick={() => setOpen('reuse')}>
          <ReuseIcon />
          {t('reuse.open')}
        </button>
      ) : null}
      {!props.scannerActive ? null : props.isScanTarget ? (
        <span className="badge badge--info slot-tools__target">
          <ScannerIcon />
          {t('scanner.slotTarget')}
        </span>
      ) : (
        <button type="button" className="btn btn--ghost btn--small" onClick={props.onChooseScanTarget}>
          <ScannerIcon />
          {t('scanner.useSlot')}
        </button>
      )}
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
