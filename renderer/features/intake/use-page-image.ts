// Fetches a page image (thumb or full) through the API and exposes it as a blob: URL, revoked on unmount.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { blobUrlFor } from '../../ui/download';

export type PageImage = { url: string | null; failed: boolean };

/** `rotation` is part of the key: the server renders the image upright, so a rotated page needs new bytes. */
export function usePageImage(pageId: string, variant: 'thumb' | 'full', rotation: number): PageImage {
  const api = useApi();
  const [image, setImage] = useState<PageImage>({ url: null, failed: false });

  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    setImage({ url: null, failed: false });
    api.call('pages.image', { pageId, variant }).then(
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
  }, [api, pageId, variant, rotation]);

  return image;
}
