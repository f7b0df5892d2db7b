// "Trước / Sau" under a long list (hồ sơ, nhật ký, lần xem): where the page is in the whole, and the two steps.
import type { MessageKey } from '../i18n/vi';
import { useT } from '../i18n/i18n-context';

type PagerProps = {
  offset: number;
  pageSize: number;
  total: number;
  /** the range's text, with {from}, {to}, {total} (and its plural by `count`, the total) */
  rangeKey: MessageKey;
  onOffset(offset: number): void;
};

export function Pager({ offset, pageSize, total, rangeKey, onOffset }: PagerProps) {
  const t = useT();
  return (
    <nav className="pager" aria-label={t('queue.pagination')}>
      <span className="muted">
        {total > 0 ? t(rangeKey, { from: offset + 1, to: Math.min(offset + pageSize, total), total, count: total }) : ''}
      </span>
      <button type="button" className="btn btn--ghost" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        {t('queue.prev')}
      </button>
      <button type="button" className="btn btn--ghost" disabled={offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)}>
        {t('queue.next')}
      </button>
    </nav>
  );
}
