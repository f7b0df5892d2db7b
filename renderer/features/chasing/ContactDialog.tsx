// Log a contact attempt with the citizen (chase.addContact) and show the earlier ones (chase.contacts).
import { useState } from 'react';
import { reportInputs, type ChaseItem } from '../../../electron/common/report-contract';
import { contactChannelLabels, contactOutcomeLabels } from '../../../electron/common/report-labels';
import { formatDateTime } from '../../../electron/common/format';
import { useApi } from '../../api/api-context';
import { useApiQuery } from '../../api/query';
import { useT } from '../../i18n/i18n-context';
import { bindField, serverError, useContractForm } from '../../ui/contract-form';
import { Dialog } from '../../ui/Dialog';
import { errorText } from '../../ui/error-text';
import { SelectField, TextAreaField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';

/** the contract's own check of a contact attempt (channel, outcome, a note of at most 500 characters) */
const contactForm = reportInputs.chaseAdd.omit({ dossierId: true });

export function ContactDialog({ item, onClose, onSaved }: { item: ChaseItem; onClose(): void; onSaved(): void }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(contactForm, { channel: 'phone', outcome: 'reached', note: '' });
  const [error, setError] = useState('');
  const contacts = useApiQuery('chase.contacts', { dossierId: item.id });
  const history = contacts.data ?? [];
  const shownError = error || (contacts.error ? errorText(contacts.error, t) : '');

  const submit = form.handleSubmit(async (attempt) => {
    setError('');
    try {
      await api.call('chase.addContact', { dossierId: item.id, ...attempt });
      onSaved();
    } catch (err) {
      setError(serverError(form, err, t));
    }
  });

  return (
    <Dialog title={t('chase.contactTitle', { code: item.localCode, name: item.applicantName })} onClose={onClose} wide>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="grid grid--2">
          <SelectField
            id="contact-channel"
            label={t('chase.channel')}
            {...bindField(form, 'channel')}
            options={Object.entries(contactChannelLabels).map(([value, label]) => ({ value, label }))}
          />
          <SelectField
            id="contact-outcome"
            label={t('chase.outcome')}
            {...bindField(form, 'outcome')}
            options={Object.entries(contactOutcomeLabels).map(([value, label]) => ({ value, label }))}
          />
        </div>
        <TextAreaField id="contact-note" label={t('chase.note')} {...bindField(form, 'note')} rows={3} maxLength={500} />
        <ErrorNotice>{shownError}</ErrorNotice>
        <div className="form__actions">
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={form.formState.isSubmitting}>
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
