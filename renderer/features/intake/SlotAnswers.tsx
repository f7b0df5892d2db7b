// The agent's answers on one slot: "áp dụng" for a conditional document (one key), "đã xem bản chính" for one to show.
import { useEffect, useRef, useState } from 'react';
import type { DossierComponent } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { slotLabel } from './component-name';

type AnswerProps = { component: DossierComponent; readOnly: boolean; onChanged(): Promise<void> };

/**
 * A checkbox with three states: not answered (indeterminate), "áp dụng" (checked), "không áp dụng" (unchecked). Space
 * (or a click) answers in one key: not answered or "không" becomes "áp dụng", "áp dụng" becomes "không".
 */
export function AppliesToggle({ component, readOnly, onChanged }: AnswerProps) {
  const api = useApi();
  const t = useT();
  const box = useRef<HTMLInputElement>(null);
  // the answer shows at once; the checklist read back after the call confirms it (or the error puts it back)
  const [sent, setSent] = useState<boolean | null | undefined>(undefined);
  const [error, setError] = useState('');
  const id = `applies-${String(component.id)}`;
  const applies = sent === undefined ? component.applies : sent;
  useEffect(() => {
    if (box.current) box.current.indeterminate = applies === null;
  }, [applies]);
  useEffect(() => setSent(undefined), [component.applies]);

  async function answer(): Promise<void> {
    const next = applies !== true;
    setSent(next);
    setError('');
    try {
      await api.call('dossiers.setApplies', { componentId: component.id, applies: next });
      await onChanged();
    } catch (err) {
      setSent(undefined);
      setError(errorText(err, t));
    }
  }

  const state =
    applies === null
      ? t('checklist.appliesUnanswered')
      : applies
        ? t('checklist.appliesYes')
        : t('checklist.appliesNo');
  return (
    <span className={`slot-answer${applies === null ? ' slot-answer--open' : ''}`}>
      <input
        ref={box}
        id={id}
        type="checkbox"
        checked={applies === true}
        disabled={readOnly}
        aria-label={t('checklist.appliesName', { name: slotLabel(component) })}
        aria-describedby={`${id}-state`}
        onChange={() => void answer()}
      />
      <label htmlFor={id} aria-hidden="true">
        {t('checklist.applies')}
      </label>
      <span id={`${id}-state`} className="slot-answer__state">
        ({state})
      </span>
      {error ? (
        <span role="alert" className="field__error">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** "Đã xem bản chính": the original was shown at the counter and handed back; recorded with who and when. */
export function SeenTick({ component, readOnly, onChanged }: AnswerProps) {
  const api = useApi();
  const t = useT();
  const [sent, setSent] = useState<boolean | undefined>(undefined);
  const [error, setError] = useState('');
  const id = `seen-${String(component.id)}`;
  const seen = sent ?? component.seen !== null;
  useEffect(() => setSent(undefined), [component.seen]);

  async function tick(next: boolean): Promise<void> {
    setSent(next);
    setError('');
    try {
      await api.call('dossiers.markSeen', { componentId: component.id, seen: next });
      await onChanged();
    } catch (err) {
      setSent(undefined);
      setError(errorText(err, t));
    }
  }

  return (
    <span className={`slot-answer${seen ? ' slot-answer--done' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={seen}
        disabled={readOnly}
        aria-label={t('checklist.seenName', { name: slotLabel(component) })}
        onChange={(e) => void tick(e.target.checked)}
      />
      <label htmlFor={id} aria-hidden="true">
        {t('checklist.seen')}
      </label>
      {component.seen ? (
        <span className="slot-answer__state">
          ({t('checklist.seenBy', { name: component.seen.byName, time: formatDateTime(component.seen.at) })})
        </span>
      ) : null}
      {error ? (
        <span role="alert" className="field__error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
