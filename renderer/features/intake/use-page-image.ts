// Fetches a page image (thumb or full) through the API and exposes it as a blob: URL, revoked on unmount.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { blobUrlFor } from '../../ui/download';

export type PageImage = { url: string | null; failed: boolean };

type Loaded = { bytes: Uint8Array; mime: string };

/** Loads once per `key`; the URL of the previous image is revoked when the key changes or the component unmounts. */
function useLoadedImage(key: string, load: () => Promise<Loaded>): PageImage {
  const [image, setImage] = useState<PageImage>({ url: null, failed: false });
  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    setImage({ url: null, failed: false });
    load().then(
      (res) => {
        if (cancelled) return;
        url = blobUrlFor(res.bytes, res.mime);
        setImage({ url, failed: false });
      },
      () => {
        if (!cancelled) setImage({ url: null, failed: true });
      },
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
    // `load` is rebuilt each render; `key` says when it loads something else
  }, [key]);
  return image;
}

/** `rotation` is part of the key: the server renders the image upright, so a rotated page needs new bytes. */
export function usePageImage(pageId: string, variant: 'thumb' | 'full', rotation: number): PageImage {
  const api = useApi();
  return useLoadedImage(`${pageId}:${variant}:${String(rotation)}`, () => api.call('pages.image', { pageId, variant }));
}

/** The thumbnail of a citizen's earlier page offered for re-use in `dossierId` (possibly scanned by another agent). */
export function useReusableThumb(dossierId: string, pageId: string): PageImage {
  const api = useApi();
  return useLoadedImage(`${dossierId}:${pageId}`, () => api.call('documents.reusableThumb', { dossierId, pageId }));
}
