// A filing mode's fee in the checklist editor: the catalog's, or the office's own (fixed, per unit with tiers, free).
import type { CatalogFilingMode, FeeRule } from '../../../electron/common/catalog';
import { statutoryFee } from '../../../electron/common/fee';
import { formatVnd } from '../../../electron/common/format';
import { useT } from '../../i18n/i18n-context';
import { SelectField, TextField } from '../../ui/Field';
import { parseAmount, type FeeDraft } from './correction-draft';

type Props = {
  mode: CatalogFilingMode;
  /** the fee the layers below the office give */
  catalogRule: FeeRule;
  draft: FeeDraft;
  conflict: string | null;
  onChange(next: FeeDraft): void;
};

const amountText = (n: number | null) => (n === null ? '' : String(n));

export function FeeRuleEditor({ mode, catalogRule, draft, conflict, onChange }: Props) {
  const t = useT();
  const id = `fee-${mode}`;
  const rule = draft.rule;
  const setRule = (patch: Partial<FeeRule>) => onChange({ override: true, rule: { ...rule, ...patch } });
  const basisOptions = (['catalog', 'fixed', 'per_unit', 'free', 'unknown'] as const).map((b) => ({
    value: b,
    label: t(`catalogEditor.basis.${b}`),
  }));
  const example = rule.basis === 'per_unit' ? statutoryFee(rule, { units: 3, copies: 1 }) : null;

  function setBasis(value: string): void {
    if (value === 'catalog') return onChange({ override: false, rule: catalogRule });
    const basis = value as FeeRule['basis'];
    const seed: Partial<FeeRule> =
      basis === 'per_unit'
        ? { unit: rule.unit ?? 'trang', tiers: rule.tiers.length > 0 ? rule.tiers : [{ fromUnit: 1, amountVnd: 0 }] }
        : basis === 'free'
          ? { amountVnd: 0 }
          : {};
    // the catalog's words described the catalog's fee; the office's own rule starts without them
    setRule({ basis, ...seed, text: basis === 'unknown' ? rule.text : '' });
  }

  function setTier(index: number, patch: Partial<FeeRule['tiers'][number]>): void {
    setRule({ tiers: rule.tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)) });
  }

  return (
    <fieldset className="fieldset fee-editor">
      <legend className="fieldset__legend">{t('catalogEditor.feeFor', { mode: t(`catalogEditor.mode.${mode}`) })}</legend>
      {conflict ? <p className="notice notice--warn small">{conflict}</p> : null}
      <div className="doc-editor__row">
        <SelectField
          id={`${id}-basis`}
          label={t('catalogEditor.feeBasis')}
          value={draft.override ? rule.basis : 'catalog'}
          options={basisOptions}
          onValueChange={setBasis}
          hint={draft.override ? undefined : t('catalogEditor.feeCatalogIs', { text: catalogRule.text || t(`catalogEditor.basis.${catalogRule.basis}`) })}
        />
        {draft.override && rule.basis === 'fixed' ? (
          <TextField
            id={`${id}-amount`}
            label={t('catalogEditor.feeAmount')}
            inputMode="numeric"
            value={amountText(rule.amountVnd)}
            onValueChange={(v) => setRule({ amountVnd: parseAmount(v) })}
          />
        ) : null}
        {draft.override && rule.basis === 'per_unit' ? (
          <>
            <TextField id={`${id}-unit`} label={t('catalogEditor.feeUnit')} value={rule.unit ?? ''} maxLength={40} onValueChange={(v) => setRule({ unit: v })} />
            <TextField
              id={`${id}-cap`}
              label={t('catalogEditor.feeCap')}
              inputMode="numeric"
              value={amountText(rule.capVnd)}
              onValueChange={(v) => setRule({ capVnd: v.trim() === '' ? null : parseAmount(v) })}
            />
            <label className="check">
              <input type="checkbox" checked={rule.perCopy} onChange={(e) => setRule({ perCopy: e.target.checked })} />
              {t('catalogEditor.feePerCopy')}
            </label>
          </>
        ) : null}
      </div>
      {draft.override && rule.basis === 'per_unit' ? (
        <div className="fee-editor__tiers">
          {rule.tiers.map((tier, i) => (
            <div className="doc-editor__row" key={i}>
              <TextField
                id={`${id}-tier-${i}-from`}
                label={t('catalogEditor.tierFrom', { n: i + 1 })}
                inputMode="numeric"
                value={String(tier.fromUnit)}
                onValueChange={(v) => setTier(i, { fromUnit: Math.max(1, parseAmount(v) ?? 1) })}
              />
              <TextField
                id={`${id}-tier-${i}-amount`}
                label={t('catalogEditor.tierAmount', { n: i + 1 })}
                inputMode="numeric"
                value={String(tier.amountVnd)}
                onValueChange={(v) => setTier(i, { amountVnd: parseAmount(v) ?? 0 })}
              />
              {rule.tiers.length > 1 ? (
                <button type="button" className="btn btn--ghost btn--small" onClick={() => setRule({ tiers: rule.tiers.filter((_, j) => j !== i) })}>
                  {t('catalogEditor.tierRemove', { n: i + 1 })}
                </button>
              ) : null}
            </div>
          ))}
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => setRule({ tiers: [...rule.tiers, { fromUnit: (rule.tiers.at(-1)?.fromUnit ?? 0) + 1, amountVnd: 0 }] })}
          >
            {t('catalogEditor.tierAdd')}
          </button>
          {example?.known ? <p className="muted small">{t('catalogEditor.feeExample', { amount: formatVnd(example.vnd) })}</p> : null}
        </div>
      ) : null}
      {draft.override ? (
        <TextField
          id={`${id}-source`}
          label={t('catalogEditor.feeSource')}
          value={rule.source ?? ''}
          onValueChange={(v) => setRule({ source: v.trim() === '' ? null : v })}
        />
      ) : null}
    </fieldset>
  );
}
