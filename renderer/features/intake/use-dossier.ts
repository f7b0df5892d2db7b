// One dossier through TanStack Query: kept current by the cache's event hook (dossier.changed, live ocr.progress).
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect } from 'react';
import type { CallInput, DossierDetail } from '../../../electron/common/contract';
import { useApi } from '../../api/api-context';
import type { Api } from '../../api/client';
import { apiKey, useApiQuery } from '../../api/query';

export type DossierState = {
  detail: DossierDetail | null;
  loadError: unknown;
  refresh(): Promise<void>;
  replace(detail: DossierDetail): void;
};

/**
 * The dossier as last read (or as the last call answered: `replace`). Refetches on 'dossier.changed' and takes OCR
 * statuses from 'ocr.progress' through useQueryEvents (api/query.ts), so this hook no longer listens itself.
 */
export function useDossier(id: string): DossierState {
  const client = useQueryClient();
  const query = useApiQuery('dossiers.get', { id });
  const { refetch } = query;
  const refresh = useCallback(async () => {
    await refetch();
  }, [refetch]);
  const replace = useCallback((detail: DossierDetail) => client.setQueryData(apiKey('dossiers.get', { id }), detail), [client, id]);
  return { detail: query.data ?? null, loadError: query.error, refresh, replace };
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
