// TanStack Query over the typed API: one cache per window, keyed by call name and input, kept fresh by core's events.
import {
  QueryClient,
  keepPreviousData,
  useQuery,
  useQueryClient,
  type Query,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CallInput, CallName, CallOutput, DossierDetail, EventPayload } from '../../electron/common/contract';
import { useApi } from './api-context';
import { isApiError } from './client';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // a refusal (NOT_FOUND, FORBIDDEN...) will not change by asking again; a dropped transport may
        retry: (failures, error) => isApiError(error) && error.code === 'TRANSPORT' && failures < 2,
        // Electron windows gain and lose focus all day at a counter: events, not focus, say when data changed
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

export type ApiQueryKey<N extends CallName> = readonly [N, CallInput<N>];

export function apiKey<N extends CallName>(name: N, input: CallInput<N>): ApiQueryKey<N> {
  return [name, input] as const;
}

type ApiQueryOptions = {
  enabled?: boolean;
  /** keep showing the last answer while the next one loads (paging, filtering): no flash of "Đang tải…" */
  keepPrevious?: boolean;
  refetchInterval?: number;
};

/** A read through the API: cached by [name, input]; an answer to an older input never replaces a newer one. */
export function useApiQuery<N extends CallName>(
  name: N,
  input: CallInput<N>,
  options: ApiQueryOptions = {},
): UseQueryResult<CallOutput<N>> {
  const api = useApi();
  return useQuery({
    queryKey: apiKey(name, input),
    queryFn: () => api.call(name, input),
    enabled: options.enabled ?? true,
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...(options.refetchInterval ? { refetchInterval: options.refetchInterval } : {}),
  });
}

/** Lists and figures that a change of any dossier can move (status, counts, sums): read again on 'dossier.changed'. */
const dossierDependent: ReadonlySet<string> = new Set<CallName>([
  'dossiers.list',
  'review.queue',
  'review.returned',
  'reports.dashboard',
  'reports.drill',
  'reports.dayReport',
  'reports.closures',
  'reports.corrections',
  'chase.list',
  'audit.list',
  'documents.reusable',
  // a dossier that reaches a final status (or is withdrawn) becomes due for the purge
  'retention.preview',
]);

/** What the sync engine moves: statuses from the portal, supplement requests, the outbox. */
const syncDependent: ReadonlySet<string> = new Set<CallName>([
  'dossiers.list',
  'dossiers.syncTimeline',
  'supplements.list',
  'chase.list',
  'reports.dashboard',
]);

const nameOf = (q: Query) => String(q.queryKey[0]);
const idOf = (q: Query): string | undefined => {
  const input = q.queryKey[1];
  if (typeof input !== 'object' || input === null) return undefined;
  if ('id' in input && typeof input.id === 'string') return input.id;
  if ('dossierId' in input && typeof input.dossierId === 'string') return input.dossierId;
  return undefined;
};

/** 250 ms: a PDF of many pages sends an event per page; one refetch covers the burst. */
const SETTLE_MS = 250;

/**
 * Keeps the cache current from core's own events (the existing subscribe API): dossier.changed and sync.status
 * invalidate what they can move; ocr.progress, scanner.status and backup.status carry the new value itself.
 */
export function useQueryEvents(): void {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => {
    let changed = new Set<string>();
    let syncMoved = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const ids = changed;
      const sync = syncMoved;
      changed = new Set();
      syncMoved = false;
      void client.invalidateQueries({
        predicate: (q) => {
          const name = nameOf(q);
          if (ids.size > 0 && dossierDependent.has(name)) return true;
          if (sync && syncDependent.has(name)) return true;
          const id = idOf(q);
          return id !== undefined && ids.has(id) && name !== 'pages.image' && name !== 'documents.reusableThumb';
        },
      });
    };
    const soon = () => {
      timer ??= setTimeout(flush, SETTLE_MS);
    };
    const offs = [
      api.on('dossier.changed', (p) => {
        changed.add(p.dossierId);
        soon();
      }),
      api.on('sync.status', (status) => {
        client.setQueryData(apiKey('sync.status', {}), status);
        syncMoved = true;
        soon();
      }),
      api.on('ocr.progress', (p) => {
        client.setQueryData<DossierDetail>(apiKey('dossiers.get', { id: p.dossierId }), (d) => (d ? withPageOcr(d, p) : d));
        if (p.status === 'done' || p.status === 'failed') {
          changed.add(p.dossierId);
          soon();
        }
      }),
      api.on('scanner.status', (status) => client.setQueryData(apiKey('scanner.status', {}), status)),
      api.on('backup.status', (status) => client.setQueryData(apiKey('backup.status', {}), status)),
    ];
    return () => {
      offs.forEach((off) => off());
      if (timer) clearTimeout(timer);
    };
  }, [api, client]);
}

/** A page's OCR status as the event says, until the dossier is read again. */
export function withPageOcr(d: DossierDetail, p: EventPayload<'ocr.progress'>): DossierDetail {
  return {
    ...d,
    components: d.components.map((c) => ({
      ...c,
      pages: c.pages.map((pg) =>
        pg.id === p.pageId ? { ...pg, ocrStatus: p.status, ocrConfidence: p.confidence ?? pg.ocrConfidence } : pg,
      ),
    })),
  };
}
