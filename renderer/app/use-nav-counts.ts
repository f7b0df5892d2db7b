// Work waiting behind the navigation: dossiers to review, returned dossiers, portal requests and overdue results.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Role } from '../../electron/common/contract';
import { useApi, useApiEvent } from '../api/api-context';

export type NavCounts = { review: number; returned: number; chasing: number };

const empty: NavCounts = { review: 0, returned: 0, chasing: 0 };
/** a change elsewhere in the office refreshes the counts at most this often */
const SETTLE_MS = 1_500;
const REFRESH_MS = 60_000;

/**
 * Totals from the lists themselves (limit 1), so a badge and the list it opens always agree. An agent's returned list
 * is their own; review and chasing are counted for supervisors and admins only. A failed refresh keeps the last counts.
 */
export function useNavCounts(role: Role): NavCounts {
  const api = useApi();
  const [counts, setCounts] = useState<NavCounts>(empty);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const oversight = role !== 'agent';

  const load = useCallback(async () => {
    try {
      const returned = (await api.call('review.returned', { limit: 1, offset: 0 })).total;
      if (!oversight) return setCounts({ ...empty, returned });
      const [review, supplement, overdue] = await Promise.all([
        api.call('review.queue', { limit: 1, offset: 0 }),
        api.call('chase.list', { kind: 'supplement', limit: 1, offset: 0 }),
        api.call('chase.list', { kind: 'overdue', limit: 1, offset: 0 }),
      ]);
      setCounts({ review: review.total, returned, chasing: supplement.total + overdue.total });
    } catch {
      // offline or signed out: the badges keep their last value
    }
  }, [api, oversight]);

  const soon = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void load();
    }, SETTLE_MS);
  }, [load]);

  useEffect(() => {
    void load();
    const every = setInterval(() => void load(), REFRESH_MS);
    return () => {
      clearInterval(every);
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [load]);
  useApiEvent('dossier.changed', soon);
  useApiEvent('sync.status', soon);
  return counts;
}
