// The retention periods table: the admin types days per class, checked by the contract's own bounds before saving.
import type { ReactNode } from 'react';
import { z } from 'zod';
import { retentionPeriodsSchema, type RetentionPeriods, type RetentionSettings } from '../../../electron/common/privacy-contract';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/i18n-context';
import { bindField, useContractForm } from '../../ui/contract-form';
import { useFormSend } from '../../ui/use-form-send';
import { ErrorNotice } from '../../ui/Notice';

type PeriodKey = keyof RetentionPeriods;
const periodKeys = Object.keys(retentionPeriodsSchema.shape) as PeriodKey[];

/**
 * What the admin types is text ("", "30", "3 năm"): a whole number of days, then the contract's own bounds for that
 * class (e.g. receipts 1825-7300), so an emptied box is "không được để trống", never 0 days (purge at once).
 */
const periodsForm = z.object(
  Object.fromEntries(
    periodKeys.map((key) => [
      key,
      z
        .string()
        .trim()
        .min(1)
        .regex(/^\d+$/)
        .transform(Number)
        .pipe(retentionPeriodsSchema.shape[key]),
    ]),
  ) as Record<PeriodKey, z.ZodPipe<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>, z.ZodNumber>>,
);

const asText = (periods: RetentionPeriods) =>
  Object.fromEntries(periodKeys.map((key) => [key, String(periods[key])])) as Record<PeriodKey, string>;

/** Admin: the table with a box per class and "Lưu thời hạn" (plus `actions`, e.g. "Chạy xoá ngay"); others read it. */
export function RetentionPeriodsForm({ settings, admin, onSaved, actions }: { settings: RetentionSettings; admin: boolean; onSaved(note: string): void; actions?: ReactNode }) {
  const api = useApi();
  const t = useT();
  const form = useContractForm(periodsForm, asText(settings.periods));
  const { submit, error, busy } = useFormSend(form, async (periods) => {
    const saved = await api.call('retention.update', periods);
    form.reset(asText(saved.periods));
    onSaved(t('retention.saved'));
  });
  return (
    <form className="privacy-periods" onSubmit={(e) => void submit(e)} noValidate>
      <table className="table">
        <tbody>
          {settings.rules.map((r) => {
            const field = bindField(form, r.key);
            const id = `retention-${r.key}`;
            return (
              <tr key={r.key}>
                <th scope="row">
                  {admin ? <label htmlFor={id}>{r.label}</label> : r.label}
                </th>
                <td className="nowrap">
                  {admin ? (
                    <input
                      id={id}
                      inputMode="numeric"
                      className="input privacy-days"
                      value={field.value}
                      aria-invalid={field.error ? true : undefined}
                      aria-describedby={field.error ? `${id}-error` : undefined}
                      onChange={(e) => field.onValueChange(e.target.value)}
                    />
                  ) : (
                    t('retention.days', { count: r.days })
                  )}
                  <span className="cell-sub">{t('retention.defaultDays', { count: r.defaultDays })}</span>
                  {field.error ? (
                    <span id={`${id}-error`} className="field__error">
                      {field.error}
                    </span>
                  ) : null}
                </td>
                <td className="small">{r.basis}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {admin ? (
        <div className="privacy-row">
          <button type="submit" className="btn btn--secondary" disabled={busy}>
            {t('retention.save')}
          </button>
          {actions}
        </div>
      ) : null}
      <ErrorNotice>{error}</ErrorNotice>
    </form>
  );
}
