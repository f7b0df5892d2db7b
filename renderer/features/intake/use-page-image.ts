// Fetches a page image (thumb or full) through the API (TanStack Query) and exposes it as a blob: URL, revoked when replaced.
import { useQuery, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { blobUrlFor } from '../../ui/download';

export type PageImage = { url: string | null; failed: boolean };

type Loaded = { bytes: Uint8Array; mime: string };

/** 60 s: images are large; a page scrolled back into view within a minute shows at once while it is read again. */
const IMAGE_GC_MS = 60_000;

/** Loads once per key (each view is read again from core, so its access log sees it); one blob: URL per answer. */
function useLoadedImage(key: QueryKey, load: () => Promise<Loaded>): PageImage {
  const query = useQuery({ queryKey: key, queryFn: load, gcTime: IMAGE_GC_MS });
  // the URL is kept with the answer it was made from, so a render never shows one already revoked
  const [shown, setShown] = useState<{ from: Loaded; url: string } | null>(null);
  const data = query.data;
  useEffect(() => {
    if (!data) return;
    const url = blobUrlFor(data.bytes, data.mime);
    setShown({ from: data, url });
    return () => URL.revokeObjectURL(url);
  }, [data]);
  return { url: data && shown?.from === data ? shown.url : null, failed: query.isError };
}

/** `rotation` is part of the key: the server renders the image upright, so a rotated page needs new bytes. */
export function usePageImage(pageId: string, variant: 'thumb' | 'full', rotation: number): PageImage {
  const api = useApi();
  return useLoadedImage(['pages.image', { pageId, variant }, rotation], () => api.call('pages.image', { pageId, variant }));
}

/** The thumbnail of a citizen's earlier page offered for re-use in `dossierId` (possibly scanned by another agent). */
export function useReusableThumb(dossierId: string, pageId: string): PageImage {
  const api = useApi();
  return useLoadedImage(['documents.reusableThumb', { dossierId, pageId }], () =>
    api.call('documents.reusableThumb', { dossierId, pageId }),
  );
}
