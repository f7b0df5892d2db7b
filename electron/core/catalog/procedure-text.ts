// Prints a merged procedure as plain Vietnamese text (catalog:show): layers, cases, documents, notes, modes and fees.
import type { CatalogDocument, CatalogFilingMode, FeeRule, ProcedureDetail, ProcedureMode } from '../../common/catalog';
import { formatDateTime, formatVnd } from '../../common/format';

const modeNames: Record<CatalogFilingMode, string> = { online: 'trực tuyến', postal: 'bưu chính', direct: 'trực tiếp' };
const requirementNames = { required: 'bắt buộc', conditional: 'có điều kiện', optional: 'không bắt buộc' } as const;
const unitNames: Record<ProcedureMode['deadlineUnit'], string> = {
  working_day: 'ngày làm việc',
  day: 'ngày',
  hour: 'giờ',
  month: 'tháng',
  year: 'năm',
  other: '(đơn vị chưa rõ)',
};

export function describeFee(rule: FeeRule): string {
  switch (rule.basis) {
    case 'free':
      return 'miễn phí';
    case 'unknown':
      return `chưa rõ${rule.text ? ` (${rule.text})` : ''}: nhân viên nhập mức thu`;
    case 'fixed':
      return rule.amountVnd === null ? 'chưa rõ' : formatVnd(rule.amountVnd);
    case 'per_unit': {
      const unit = rule.unit ?? 'đơn vị';
      const tiers = [...rule.tiers]
        .sort((a, b) => a.fromUnit - b.fromUnit)
        .map((t) => (t.fromUnit === 1 ? `${formatVnd(t.amountVnd)}/${unit}` : `từ ${unit} thứ ${t.fromUnit}: ${formatVnd(t.amountVnd)}/${unit}`));
      const cap = rule.capVnd !== null ? `, tối đa ${formatVnd(rule.capVnd)}/bản` : '';
      return `${tiers.join('; ')}${cap}${rule.perCopy ? ', tính cho mỗi bản' : ''}`;
    }
  }
}

function documentLine(doc: CatalogDocument): string {
  const counts =
    doc.originals === null && doc.copies === null ? '' : ` [${doc.originals ?? '?'} chính, ${doc.copies ?? '?'} sao]`;
  const modes = doc.onlyModes ? ` — chỉ khi nộp ${doc.onlyModes.map((m) => modeNames[m]).join(', ')}` : '';
  const byMode = doc.requirementByMode
    ? ` — ${Object.entries(doc.requirementByMode)
        .map(([m, r]) => `${modeNames[m as CatalogFilingMode]}: ${requirementNames[r]}`)
        .join(', ')}`
    : '';
  const condition = doc.condition ? ` — điều kiện: ${doc.condition}` : '';
  const label = doc.label && doc.label !== doc.name ? `${doc.label} («${doc.name}»)` : doc.name;
  const kind = doc.kind === 'show' ? 'xuất trình' : 'nộp';
  return `  - (${kind}, ${requirementNames[doc.requirement]}) ${label}${counts}${condition}${modes}${byMode}  {${doc.key}}`;
}

function layersLines(p: ProcedureDetail): string[] {
  const lines: string[] = [];
  if (p.layers.curated)
    lines.push(`Hồ sơ mẫu đã rà soát (phiên bản ${p.layers.profileVersion ?? '?'}): ${p.layers.legalBasis.join('; ')}`);
  else lines.push('Đọc từ bản ghi quốc gia (chưa có hồ sơ mẫu rà soát)');
  if (p.layers.correctionVersion !== null) {
    const at = p.layers.correctedAt !== null ? formatDateTime(p.layers.correctedAt) : '?';
    lines.push(`Văn phòng đã sửa: phiên bản ${p.layers.correctionVersion}, bởi ${p.layers.correctedBy ?? '?'} lúc ${at}`);
  }
  for (const c of p.layers.conflicts) lines.push(`  ! ${c.message}`);
  return lines;
}

/** The whole procedure as the counter sees it, one fact a line. */
export function procedureText(p: ProcedureDetail): string {
  const lines = [`${p.code} — ${p.name}`, `Danh mục: ${p.catalogVersion}`, ...layersLines(p), ''];
  lines.push('Hình thức nộp:');
  for (const m of p.modes) {
    const deadline = m.deadlineValue !== null ? `${m.deadlineValue} ${unitNames[m.deadlineUnit]}` : 'chưa rõ thời hạn';
    lines.push(`  - ${modeNames[m.mode]}: ${deadline}; phí, lệ phí: ${m.fee ? describeFee(m.fee) : m.feeText}`);
  }
  lines.push(`Phí dịch vụ của điểm: ${formatVnd(p.serviceChargeVnd)}`);
  if (p.subject) lines.push(`Người được nêu trên phiếu hẹn: ${p.subject.label}`);
  lines.push('', `Giấy tờ chung (${p.documents.length}):`, ...p.documents.map(documentLine));
  for (const c of p.cases) {
    lines.push('', `Trường hợp: ${c.name}  {${c.key}}`, ...c.documents.map(documentLine));
    for (const n of p.notes.filter((x) => x.caseKey === c.key)) lines.push(`  * Lưu ý: ${n.text}`);
  }
  const general = p.notes.filter((n) => n.caseKey === null);
  if (general.length > 0) lines.push('', `Lưu ý (${general.length}):`, ...general.map((n) => `  * ${n.text}`));
  return lines.join('\n');
}
