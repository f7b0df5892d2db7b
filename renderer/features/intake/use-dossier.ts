// Loads one dossier and keeps it current: refetch on 'dossier.changed', live OCR status from 'ocr.progress'.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { CallInput, DossierDetail, EventPayload } from '../../../electron/common/contract';
import { useApi, useApiEvent } from '../../api/api-context';
import type { Api } from '../../api/client';

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

/** The dossier open on the intake screen, for what sits deep inside it (the page viewer); null elsewhere. */
export const OpenDossierContext = createContext<string | null>(null);

/** The intake screen's dossier is recognised before older work in the OCR queue (a scan batch, other dossiers). */
export function useOcrDossierFocus(dossierId: string): void {
  const api = useApi();
  useEffect(() => focusOcr(api, { dossierId }), [api, dossierId]);
}

/**
 * While the large view of a page is open, OCR reads that page first; on closing, the dossier again. Outside the
 * intake screen (no OpenDossierContext) it does nothing.
 */
export function useOcrPageFocus(pageId: string): void {
  const api = useApi();
  const dossierId = useContext(OpenDossierContext);
  useEffect(() => {
    if (dossierId) focusOcr(api, { dossierId, pageId });
  }, [api, dossierId, pageId]);
  // on close only, not when the viewer moves to another page: that would briefly send the dossier again
  useEffect(
    () => () => {
      if (dossierId) focusOcr(api, { dossierId, pageId: null });
    },
    [api, dossierId],
  );
}

type FocusInput = CallInput<'ocr.focus'>;
let focusSending = false;
let focusNext: { api: Api; input: FocusInput } | null = null;

/**
 * Tells core what the agent is looking at. A hint: never awaited by the UI, failures ignored. Calls go one at a
 * time and only the latest waiting one is sent, so an HTTP transport cannot deliver an older focus last.
 */
export function focusOcr(api: Api, input: FocusInput): void {
  focusNext = { api, input };
  if (focusSending) return;
  focusSending = true;
  void (async () => {
    while (focusNext) {
      const { api: to, input: sent } = focusNext;
      focusNext = null;
      try {
        await to.call('ocr.focus', sent);
      } catch {
        // only an ordering hint: the queue works without it
      }
    }
    focusSending = false;
  })();
}
