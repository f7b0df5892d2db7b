// Work waiting behind the navigation: dossiers to review, returned dossiers, portal requests and overdue results.
import type { Role } from '../../electron/common/contract';
import { useApiQuery } from '../api/query';

export type NavCounts = { review: number; returned: number; chasing: number };

/** the lists' own events keep the counts current; this catches what no event announces (a due date passing) */
const REFRESH_MS = 60_000;
const one = { limit: 1, offset: 0 };

/**
 * Totals from the lists themselves (limit 1), so a badge and the list it opens always agree. An agent's returned list
 * is their own; review and chasing are counted for supervisors and admins only. A failed refresh keeps the last counts.
 */
export function useNavCounts(role: Role): NavCounts {
  const oversight = role !== 'agent';
  const every = { refetchInterval: REFRESH_MS };
  const returned = useApiQuery('review.returned', one, every);
  const review = useApiQuery('review.queue', one, { ...every, enabled: oversight });
  const supplement = useApiQuery('chase.list', { kind: 'supplement', ...one }, { ...every, enabled: oversight });
  const overdue = useApiQuery('chase.list', { kind: 'overdue', ...one }, { ...every, enabled: oversight });
  return {
    returned: returned.data?.total ?? 0,
    review: oversight ? (review.data?.total ?? 0) : 0,
    chasing: oversight ? (supplement.data?.total ?? 0) + (overdue.data?.total ?? 0) : 0,
  };
}
