// Coloured pill with the Vietnamese name of a dossier status.
import type { DossierStatus } from '../../electron/common/contract';
import { useT } from '../i18n/i18n-context';

const tones: Record<DossierStatus, 'neutral' | 'info' | 'good' | 'warn' | 'bad'> = {
  draft: 'neutral',
  ready: 'good',
  awaiting_review: 'info',
  approved: 'good',
  returned: 'warn',
  queued: 'info',
  submitting: 'info',
  submitted: 'info',
  needs_fix: 'warn',
  received: 'info',
  processing: 'info',
  supplement_requested: 'warn',
  result_ready: 'good',
  completed: 'good',
  rejected: 'bad',
  withdrawn: 'neutral',
};

export function StatusBadge({ status }: { status: DossierStatus }) {
  const t = useT();
  return <span className={`badge badge--${tones[status]}`}>{t(`dossierStatus.${status}`)}</span>;
}
