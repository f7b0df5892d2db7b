// The agent's answers on one slot: "áp dụng" for a conditional document (one key), "đã xem bản chính" for one to show.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { DossierComponent } from '../../../electron/common/contract';
import { formatDateTime } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { errorText } from '../../ui/error-text';
import { slotLabel } from './component-name';

type AnswerProps = { component: DossierComponent; readOnly: boolean; onChanged(): Promise<void> };

/**
 * One answer sent, then the checklist read back: while both run the box shows the answer sent; after, the checklist's
 * own value (the answer, or on an error the old value with the error beside it).
 */
function useAnswer<V>(send: (value: V) => Promise<unknown>, onChanged: () => Promise<void>) {
  const t = useT();
  const m = useMutation({
    mutationFn: async (value: V) => {
      await send(value);
      await onChanged();
    },
  });
  // the answer being sent, set within the click itself: the mutation's own isPending reaches React a tick later, and
  // a controlled checkbox would meanwhile spring back for a moment (a click "that did nothing")
  const [sending, setSending] = useState<{ value: V } | null>(null);
  const answer = (value: V) => {
    setSending({ value });
    m.mutate(value, { onSettled: () => setSending(null) });
  };
  return { sending, error: m.error ? errorText(m.error, t) : '', answer };
}

/**
 * A checkbox with three states: not answered (indeterminate), "áp dụng" (checked), "không áp dụng" (unchecked). Space
 * (or a click) answers in one key: not answered or "không" becomes "áp dụng", "áp dụng" becomes "không".
 */
export function AppliesToggle({ component, readOnly, onChanged }: AnswerProps) {
  const api = useApi();
  const t = useT();
  const box = useRef<HTMLInputElement>(null);
  const { sending, error, answer } = useAnswer(
    (applies: boolean) => api.call('dossiers.setApplies', { componentId: component.id, applies }),
    onChanged,
  );
  const id = `applies-${String(component.id)}`;
  const applies = sending ? sending.value : component.applies;
  useEffect(() => {
    if (box.current) box.current.indeterminate = applies === null;
  }, [applies]);

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
        onChange={() => answer(applies !== true)}
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
  const { sending, error, answer } = useAnswer(
    (seen: boolean) => api.call('dossiers.markSeen', { componentId: component.id, seen }),
    onChanged,
  );
  const id = `seen-${String(component.id)}`;
  const seen = sending ? sending.value : component.seen !== null;

  return (
    <span className={`slot-answer${seen ? ' slot-answer--done' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={seen}
        disabled={readOnly}
        aria-label={t('checklist.seenName', { name: slotLabel(component) })}
        onChange={(e) => answer(e.target.checked)}
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
