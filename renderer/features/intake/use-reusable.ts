// Documents digitized earlier for the applicant (same ID number), fetched once the ID number is valid and saved.
import { useCallback, useEffect, useState } from 'react';
import { validateIdNumber } from '../../../electron/common/applicant';
import type { ReusableDocuments } from '../../../electron/common/digitize-contract';
import { useApi } from '../../api/api-context';

/** a little after the autosave (600 ms), so core matches on the number just typed */
const AFTER_SAVE_MS = 1200;

export type Reusable = { docs: ReusableDocuments | null; reload(): void };

export function useReusable(dossierId: string, idNumber: string, enabled: boolean): Reusable {
  const api = useApi();
  const [docs, setDocs] = useState<ReusableDocuments | null>(null);
  const [round, setRound] = useState(0);
  const valid = enabled && validateIdNumber(idNumber).ok;

  useEffect(() => {
    if (!valid) {
      setDocs(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.call('documents.reusable', { dossierId }).then(
        (d) => {
          if (live) setDocs(d);
        },
        () => undefined,
      );
    }, round === 0 ? AFTER_SAVE_MS : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, dossierId, idNumber, valid, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { docs, reload };
}
