// The counter's scan folder as seen from the open dossier: live status, and which slot receives the scans.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DossierComponent } from '../../../electron/common/contract';
import type { ScannerStatus } from '../../../electron/common/digitize-contract';
import { useApi, useApiEvent } from '../../api/api-context';

export type ScannerView = {
  status: ScannerStatus | null;
  /** a scan folder is set for this counter */
  active: boolean;
  /** the slot of this dossier that receives scans, if any */
  targetComponentId: number | null;
  choose(componentId: number): void;
};

/** The first required document still without pages, else the first component: where a scan most likely belongs. */
export function defaultScanSlot(components: readonly DossierComponent[]): number | null {
  const missing = components.find((c) => c.required && c.kind === 'submit' && c.pages.length === 0);
  return (missing ?? components[0])?.id ?? null;
}

export function useScanner(dossierId: string, components: readonly DossierComponent[], readOnly: boolean): ScannerView {
  const api = useApi();
  const [status, setStatus] = useState<ScannerStatus | null>(null);
  const chosen = useRef<number | null>(null);
  const initial = useRef(defaultScanSlot(components));

  useApiEvent('scanner.status', setStatus);

  const choose = useCallback(
    (componentId: number) => {
      if (readOnly || chosen.current === componentId) return;
      chosen.current = componentId;
      api.call('scanner.setTarget', { target: { dossierId, componentId } }).then(setStatus, () => {
        chosen.current = null; // e.g. the dossier just became read-only: nothing to aim at
      });
    },
    [api, dossierId, readOnly],
  );

  useEffect(() => {
    api.call('scanner.status', {}).then(setStatus, () => undefined);
    if (readOnly) return;
    if (initial.current !== null) choose(initial.current);
    return () => {
      chosen.current = null;
      // leaving the dossier: scans wait in the folder instead of landing in a dossier nobody looks at
      api.call('scanner.setTarget', { target: null }).catch(() => undefined);
    };
  }, [api, choose, readOnly]);

  const target = status?.target;
  return {
    status,
    active: (status?.folder ?? '') !== '',
    targetComponentId: target && target.dossierId === dossierId ? target.componentId : null,
    choose,
  };
}
