// A citizen's request by ID number: what the office holds, a copy (JSON + PDF), erasure after typing the number again.
import { useState } from 'react';
import type { CitizenSummary, EraseReport } from '../../../electron/common/privacy-contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { Dialog } from '../../ui/Dialog';
import { blobUrlFor, triggerDownload } from '../../ui/download';
import { errorText } from '../../ui/error-text';
import { TextAreaField, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';

export function CitizenRequests() {
  const api = useApi();
  const t = useT();
  const [idNumber, setIdNumber] = useState('');
  const [found, setFound] = useState<CitizenSummary | null>(null);
  const [error, setError] = useState('');
  const [erasing, setErasing] = useState(false);
  const [erased, setErased] = useState<EraseReport | null>(null);

  async function find(): Promise<void> {
    setError('');
    setErased(null);
    try {
      setFound(await api.call('citizen.find', { idNumber: idNumber.trim() }));
    } catch (err) {
      setFound(null);
      setError(errorText(err, t));
    }
  }

  async function download(which: 'json' | 'pdf'): Promise<void> {
    if (!found) return;
    try {
      const out = await api.call('citizen.export', { idNumber: found.idNumber });
      const file = out[which];
      triggerDownload(blobUrlFor(file.bytes, file.mime), file.fileName);
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  return (
    <section className="card privacy-citizen" aria-labelledby="citizen-title">
      <h2 id="citizen-title" className="section-title">
        {t('privacy.citizenTitle')}
      </h2>
      <p className="muted">{t('privacy.citizenHint')}</p>
      <form
        className="privacy-row"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <TextField id="citizen-id" label={t('privacy.idNumber')} value={idNumber} inputMode="numeric" maxLength={12} onValueChange={setIdNumber} />
        <button type="submit" className="btn btn--primary">
          {t('privacy.find')}
        </button>
      </form>
      <ErrorNotice>{error}</ErrorNotice>
      {found ? (
        <>
          <p className="cell-strong" role="status">
            {t('privacy.found', { name: found.fullName || found.idNumber, count: found.dossiers.length })}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('privacy.colCode')}</th>
                <th scope="col">{t('privacy.colProcedure')}</th>
                <th scope="col">{t('privacy.colStatus')}</th>
                <th scope="col">{t('privacy.colPages')}</th>
                <th scope="col">{t('privacy.colConsents')}</th>
              </tr>
            </thead>
            <tbody>
              {found.dossiers.map((d) => (
                <tr key={d.dossierId}>
                  <td className="mono nowrap">{d.localCode}</td>
                  <td>{d.procedureName}</td>
                  <td>
                    {d.status}
                    {d.purged ? <span className="cell-sub">{t('privacy.purgedMark')}</span> : null}
                    {d.held ? <span className="cell-sub">{t('privacy.heldMark')}</span> : null}
                  </td>
                  <td>{d.pages}</td>
                  <td>{d.consents.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t('privacy.accessCount', { count: found.accessEntries })}</p>
          <div className="privacy-row">
            <button type="button" className="btn btn--secondary" onClick={() => void download('json')}>
              {t('privacy.exportJson')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => void download('pdf')}>
              {t('privacy.exportPdf')}
            </button>
            <button type="button" className="btn btn--danger" onClick={() => setErasing(true)}>
              {t('privacy.erase')}
            </button>
          </div>
        </>
      ) : null}
      {erased ? <EraseResult report={erased} /> : null}
      {erasing && found ? (
        <EraseDialog
          idNumber={found.idNumber}
          onClose={() => setErasing(false)}
          onDone={(r) => {
            setErasing(false);
            setErased(r);
            setFound(null);
          }}
        />
      ) : null}
    </section>
  );
}

function EraseDialog({ idNumber, onClose, onDone }: { idNumber: string; onClose(): void; onDone(r: EraseReport): void }) {
  const api = useApi();
  const t = useT();
  const [confirm, setConfirm] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function erase(): Promise<void> {
    setBusy(true);
    try {
      onDone(await api.call('citizen.erase', { idNumber, confirm: confirm.trim(), reason: reason.trim() }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={t('privacy.eraseTitle', { idNumber })}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="erase-form" className="btn btn--danger" disabled={busy || confirm.trim() !== idNumber || reason.trim().length < 5}>
            {t('privacy.eraseSubmit')}
          </button>
        </>
      }
    >
      <form
        id="erase-form"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void erase();
        }}
      >
        <p>{t('privacy.eraseBody')}</p>
        <TextField id="erase-confirm" label={t('privacy.eraseConfirm')} value={confirm} inputMode="numeric" maxLength={12} onValueChange={setConfirm} autoComplete="off" />
        <TextAreaField id="erase-reason" label={t('privacy.eraseReason')} value={reason} onValueChange={setReason} rows={2} maxLength={500} />
        <ErrorNotice>{error}</ErrorNotice>
      </form>
    </Dialog>
  );
}

function EraseResult({ report }: { report: EraseReport }) {
  const t = useT();
  return (
    <div className="notice notice--info" role="status">
      <p className="cell-strong">{t('privacy.erased', { count: report.erased.length, pages: t('count.pages', { count: report.pagesPurged }) })}</p>
      {report.skipped.map((s) => (
        <p key={s.localCode}>{t('privacy.skipped', { code: s.localCode, reason: s.reason })}</p>
      ))}
      <p className="cell-strong">{t('privacy.kept')}</p>
      <ul className="small">
        {report.kept.map((k) => (
          <li key={k}>{k}</li>
        ))}
      </ul>
    </div>
  );
}
