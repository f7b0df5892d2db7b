// Loads one dossier and keeps it current: refetch on 'dossier.changed', live OCR status from 'ocr.progress'.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DossierDetail, EventPayload } from '../../../electron/common/contract';
import { useApi, useApiEvent } from '../../api/api-context';

export type DossierState = {
  detail: DossierDetail | null;
  loadError: unknown;
  refresh(): Promise<void>;
  replace(detail: DossierDetail): void;
};

export function useDossier(id: string): DossierState {
  const api = useApi();
  const [detail, setDetail] = useState<DossierDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const pendingRefresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = useCallback(async () => {
    try {
      const fresh = await api.call('dossiers.get', { id });
      setDetail(fresh);
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    }
  }, [api, id]);

  useEffect(() => {
    void refresh();
    return () => {
      if (pendingRefresh.current) clearTimeout(pendingRefresh.current);
    };
  }, [refresh]);

  // Several events often arrive together (a PDF of many pages); one refetch covers them all.
  const refreshSoon = useCallback(() => {
    if (pendingRefresh.current) clearTimeout(pendingRefresh.current);
    pendingRefresh.current = setTimeout(() => {
      pendingRefresh.current = null;
      void refresh();
    }, 250);
  }, [refresh]);

  useApiEvent('dossier.changed', (p) => {
    if (p.dossierId === id) refreshSoon();
  });

  useApiEvent('ocr.progress', (p: EventPayload<'ocr.progress'>) => {
    if (p.dossierId !== id) return;
    setDetail((d) => (d ? withPageOcr(d, p) : d));
    if (p.status === 'done' || p.status === 'failed') refreshSoon();
  });

  return { detail, loadError, refresh, replace: setDetail };
}

function withPageOcr(d: DossierDetail, p: EventPayload<'ocr.progress'>): DossierDetail {
  return {
    ...d,
    components: d.components.map((c) => ({
      ...c,
      pages: c.pages.map((pg) =>
        pg.id === p.pageId
          ? { ...pg, ocrStatus: p.status, ocrConfidence: p.confidence ?? pg.ocrConfidence }
          : pg,
      ),
    })),
  };
}
