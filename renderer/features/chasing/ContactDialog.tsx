// Log a contact attempt with the citizen (chase.addContact) and show the earlier ones (chase.contacts).
import { useEffect, useState, type FormEvent } from 'react';
import type { ChaseItem, ContactAttempt } from '../../../electron/common/report-contract';
import { contactChannelLabels, contactOutcomeLabels } from '../../../electron/common/report-labels';
import { formatDateTime } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';
import { SelectField, TextAreaField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';

type Channel = keyof typeof contactChannelLabels;
type Outcome = keyof typeof contactOutcomeLabels;

export function ContactDialog({ item, onClose, onSaved }: { item: ChaseItem; onClose(): void; onSaved(): void }) {
  const api = useApi();
  const t = useT();
  const [channel, setChannel] = useState<Channel>('phone');
  const [outcome, setOutcome] = useState<Outcome>('reached');
  const [note, setNote] = useState('');
  const [history, setHistory] = useState<ContactAttempt[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('chase.contacts', { dossierId: item.id }).then(setHistory, (err: unknown) => setError(errorText(err, t)));
  }, [api, item.id, t]);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await api.call('chase.addContact', { dossierId: item.id, channel, outcome, note: note.trim() });
      onSaved();
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('chase.contactTitle', { code: item.localCode, name: item.applicantName })} onClose={onClose} wide>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <div className="grid grid--2">
          <SelectField
            id="contact-channel"
            label={t('chase.channel')}
            value={channel}
            onValueChange={(v) => setChannel(v as Channel)}
            options={Object.entries(contactChannelLabels).map(([value, label]) => ({ value, label }))}
          />
          <SelectField
            id="contact-outcome"
            label={t('chase.outcome')}
            value={outcome}
            onValueChange={(v) => setOutcome(v as Outcome)}
            options={Object.entries(contactOutcomeLabels).map(([value, label]) => ({ value, label }))}
          />
        </div>
        <TextAreaField id="contact-note" label={t('chase.note')} value={note} onValueChange={setNote} rows={3} maxLength={500} />
        <ErrorNotice>{error}</ErrorNotice>
        <div className="form__actions">
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('chase.save')}
          </button>
        </div>
      </form>
      <h3 className="section-subtitle">{t('chase.history')}</h3>
      {history.length === 0 ? (
        <p className="muted">{t('chase.noHistory')}</p>
      ) : (
        <ol className="timeline">
          {history.map((h) => (
            <li key={h.id} className="timeline__item">
              <span className="cell-strong">
                {contactChannelLabels[h.channel]}: {contactOutcomeLabels[h.outcome]}
              </span>
              <span className="timeline__time">
                {h.actor.fullName}, {formatDateTime(h.at)}
              </span>
              {h.note ? <span className="timeline__message">{h.note}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
