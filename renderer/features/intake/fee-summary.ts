// The dossier's case, subject and money as label/value rows, for the read-only views (queue detail, review, receipt panel).
import type { DossierDetail } from '../../../electron/common/contract';
import { formatFee, formatVnd } from '../../../electron/common/format';
import type { Translate } from '../../i18n/translate-types';

/** "5.000 ₫ (3 trang × 1 bản = 5.000 đồng)", or the catalog's words when it gives no amount */
export function statutoryFeeText(fee: DossierDetail['fee'], t: Translate): string {
  if (fee.statutoryVnd === null) return `${t('fee.unknown')}${fee.detail ? `: ${fee.detail}` : ''}`;
  const counted = fee.detail.includes('=');
  return counted ? `${formatFee(fee.statutoryVnd)} (${fee.detail})` : formatFee(fee.statutoryVnd);
}

export function caseAndSubjectRows(detail: DossierDetail, t: Translate): Array<[string, string]> {
  const caseName = detail.cases.find((c) => c.key === detail.caseKey)?.name ?? '';
  return [
    [t('checklist.caseLabel'), caseName],
    ...(detail.subject ? ([[detail.subject.label, detail.subject.name]] as Array<[string, string]>) : []),
  ];
}

export function feeRows(detail: DossierDetail, t: Translate): Array<[string, string]> {
  const fee = detail.fee;
  return [
    [t('fee.statutory'), statutoryFeeText(fee, t)],
    [t('fee.variant'), fee.variantLabel ?? ''],
    [
      t('fee.overrideAmount'),
      fee.overrideVnd === null
        ? ''
        : t('fee.overrideSaved', { amount: formatFee(fee.overrideVnd), reason: fee.overrideReason ?? '' }),
    ],
    [t('fee.serviceCharge'), formatVnd(fee.serviceChargeVnd)],
    [t('fee.total'), fee.totalVnd === null ? t('fee.totalUnknown') : formatVnd(fee.totalVnd)],
  ];
}
