// The table of dossiers the queue, review queue, returned list and drill-down share: code link first, then the caller's columns.
import type { ReactNode } from 'react';
import { navigate, routeHref, type Route } from '../app/router';
import { useT } from '../i18n/i18n-context';

export type DossierColumn<T> = {
  header: string;
  cell(row: T): ReactNode;
  /** class of the body cells, e.g. 'sv-reason' */
  className?: string;
  /** a count: right-aligned ('num') in the header and the cells */
  numeric?: boolean;
};

type DossierRow = { id: string; localCode: string };

type DossierTableProps<T extends DossierRow> = {
  /** null while the list loads */
  rows: readonly T[] | null;
  /** the columns after the code, which is always first */
  columns: ReadonlyArray<DossierColumn<T>>;
  emptyText: string;
  /** where the code link leads; on a page, a click anywhere on the row goes there too */
  rowRoute(row: T): Route;
  /** 'page' (default): padded messages and whole-row clicks; 'dialog': plain rows, only the code is a link */
  variant?: 'page' | 'dialog';
  /** also called when the code link is followed (a dialog closes itself) */
  onLinkClick?: () => void;
};

function cellClass(column: { className?: string; numeric?: boolean }): string | undefined {
  const names = [column.className, column.numeric ? 'num' : undefined].filter(Boolean);
  return names.length > 0 ? names.join(' ') : undefined;
}

export function DossierTable<T extends DossierRow>({
  rows,
  columns,
  emptyText,
  rowRoute,
  variant = 'page',
  onLinkClick,
}: DossierTableProps<T>) {
  const t = useT();
  const onPage = variant === 'page';
  const messageClass = onPage ? 'muted pad' : 'muted';
  if (rows === null) return <p className={messageClass}>{t('common.loading')}</p>;
  if (rows.length === 0) {
    return (
      <p className={messageClass} role="status">
        {emptyText}
      </p>
    );
  }
  return (
    <table className={onPage ? 'table table--interactive' : 'table'}>
      <thead>
        <tr>
          <th scope="col">{t('queue.colCode')}</th>
          {columns.map((c) => (
            <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const route = rowRoute(row);
          return (
            <tr
              key={row.id}
              {...(onPage ? { className: 'row--link', onClick: () => void navigate(route) } : {})}
            >
              <td className="mono code-cell">
                <a
                  href={routeHref(route)}
                  onClick={(e) => {
                    if (onPage) e.stopPropagation();
                    onLinkClick?.();
                  }}
                >
                  {/* may break after a hyphen: the full code alone took a fifth of a 1366-px screen (issue 13) */}
                  {row.localCode.split('-').flatMap((part, i, all) => (i < all.length - 1 ? [`${part}-`, <wbr key={i} />] : [part]))}
                </a>
              </td>
              {columns.map((c) => (
                <td key={c.header} className={cellClass(c)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
