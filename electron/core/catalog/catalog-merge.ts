// Merges the three catalog layers (parsed record < curated profile < office corrections) into what the counter uses.
import type {
  CatalogDocument,
  CatalogFilingMode,
  CatalogLayers,
  CatalogProcedure,
  CuratedProfile,
  ProcedureCorrection,
  ProcedureDetail,
  ProcedureMode,
} from '../../common/catalog';
import { fixedAmountOf } from '../../common/fee';
import { documentFingerprint, feeFingerprint } from './catalog-keys';
import { feeRuleOf } from './procedure-rows';

export type Conflict = CatalogLayers['conflicts'][number];

const modeNames: Record<CatalogFilingMode, string> = {
  online: 'trực tuyến',
  postal: 'qua bưu chính',
  direct: 'trực tiếp',
};

/** A profile mode without a deadline of its own keeps the parsed record's deadline for that mode. */
function mergeModes(parsed: readonly ProcedureMode[], profile: readonly ProcedureMode[]): ProcedureMode[] {
  if (profile.length === 0) return [...parsed];
  return profile.map((m) => {
    const below = parsed.find((p) => p.mode === m.mode);
    if (!below || m.deadlineValue !== null || m.deadlineText !== '') return m;
    return {
      ...m,
      deadlineValue: below.deadlineValue,
      deadlineUnit: below.deadlineUnit,
      deadlineText: below.deadlineText,
    };
  });
}

/**
 * Layer 2. The profile's documents, cases, notes and subject replace the record's wholesale (a reviewed checklist is
 * not patched onto a machine-read one); its modes replace the record's when it lists any. The record's identity
 * (name, level, field, agency, decision) stays, so search and reports see the same procedure. A profile for a code the
 * national catalog lacks stands on its own.
 */
export function applyProfile(parsed: CatalogProcedure | null, profile: CuratedProfile): CatalogProcedure {
  const curated = profile.procedure;
  if (!parsed) return { ...curated, source: 'curated' };
  return {
    ...parsed,
    resultText: parsed.resultText ?? curated.resultText,
    modes: mergeModes(parsed.modes, curated.modes),
    documents: curated.documents,
    cases: curated.cases,
    notes: curated.notes,
    subject: curated.subject,
  };
}

/** Calls `visit` on every document of the procedure, common ones and each case's. */
export function everyDocument(procedure: Pick<CatalogProcedure, 'documents' | 'cases'>): CatalogDocument[] {
  return [...procedure.documents, ...procedure.cases.flatMap((c) => c.documents)];
}

function shortName(doc: CatalogDocument): string {
  const name = doc.label ?? doc.name;
  return name.length > 80 ? `${name.slice(0, 79)}…` : name;
}

function patchDocument(doc: CatalogDocument, patch: ProcedureCorrection['documents'][string]): CatalogDocument | null {
  if (patch.hidden === true) return null;
  return {
    ...doc,
    label: patch.label !== undefined ? patch.label : doc.label,
    requirement: patch.requirement ?? doc.requirement,
    condition: patch.condition !== undefined ? patch.condition : doc.condition,
    requirementByMode: patch.requirementByMode !== undefined ? patch.requirementByMode : doc.requirementByMode,
  };
}

/** The conflicts a correction has with the layers below it (a document gone or changed, a mode gone or re-priced). */
export function correctionConflicts(below: CatalogProcedure, correction: ProcedureCorrection): Conflict[] {
  const conflicts: Conflict[] = [];
  const docs = new Map(everyDocument(below).map((d) => [d.key, d]));
  for (const [key, patch] of Object.entries(correction.documents)) {
    const doc = docs.get(key);
    if (!doc) {
      const what = patch.label ? `"${patch.label}"` : `mã ${key}`;
      conflicts.push({
        target: `document:${key}`,
        message: `Giấy tờ ${what} mà văn phòng đã sửa không còn trong danh mục mới. Hãy xem lại danh sách giấy tờ rồi lưu lại bản sửa.`,
      });
    } else if (documentFingerprint(doc) !== patch.base) {
      conflicts.push({
        target: `document:${key}`,
        message: `Danh mục mới đã thay đổi giấy tờ "${shortName(doc)}" sau khi văn phòng sửa. Bản sửa vẫn được áp dụng; hãy kiểm tra rồi lưu lại.`,
      });
    }
  }
  for (const [mode, patch] of Object.entries(correction.modes) as [CatalogFilingMode, { base: string }][]) {
    const below_ = below.modes.find((m) => m.mode === mode);
    if (!below_) {
      conflicts.push({
        target: `mode:${mode}`,
        message: `Hình thức nộp ${modeNames[mode]} mà văn phòng đã sửa phí không còn trong danh mục mới.`,
      });
    } else if (feeFingerprint(feeRuleOf(below_)) !== patch.base) {
      conflicts.push({
        target: `mode:${mode}`,
        message: `Danh mục mới đã thay đổi phí, lệ phí nộp ${modeNames[mode]} sau khi văn phòng sửa. Mức phí của văn phòng vẫn được áp dụng; hãy kiểm tra lại.`,
      });
    }
  }
  return conflicts;
}

/**
 * Layer 3: the office's correction patches documents by key (label, hidden, requirement, condition, requirement per
 * mode) and fees per mode. A patch whose document or mode changed below it still applies (the office decided it), and
 * is listed as a conflict so the admin looks again; a patch whose document is gone cannot apply and is listed too.
 */
export function applyCorrection(
  below: CatalogProcedure,
  correction: ProcedureCorrection | null,
): { procedure: CatalogProcedure; conflicts: Conflict[] } {
  if (!correction) return { procedure: below, conflicts: [] };
  const patchAll = (docs: readonly CatalogDocument[]): CatalogDocument[] =>
    docs.flatMap((doc) => {
      const patch = correction.documents[doc.key];
      if (!patch) return [doc];
      const patched = patchDocument(doc, patch);
      return patched ? [patched] : [];
    });
  const modes = below.modes.map((m): ProcedureMode => {
    const fee = correction.modes[m.mode]?.fee;
    if (!fee) return m;
    return { ...m, fee, feeVnd: fixedAmountOf(fee), feeText: fee.text || m.feeText };
  });
  return {
    procedure: {
      ...below,
      modes,
      documents: patchAll(below.documents),
      cases: below.cases.map((c) => ({ ...c, documents: patchAll(c.documents) })),
    },
    conflicts: correctionConflicts(below, correction),
  };
}

/** A correction that changes nothing (saved to undo the office's changes); it does not make the procedure "corrected". */
export function isEmptyCorrection(correction: ProcedureCorrection): boolean {
  return (
    Object.keys(correction.documents).length === 0 &&
    Object.keys(correction.modes).length === 0 &&
    correction.serviceChargeVnd === null
  );
}

/** The office correction as stored: its version, author and time, for `layers`. */
export type AppliedCorrection = { version: number; correction: ProcedureCorrection; createdBy: string; createdAt: number };

/**
 * Every layer merged into what the counter uses: `below` is the stored procedure with its profile applied (or not),
 * `profile` the profile that made it, `latest` the office's newest correction. The service charge is the correction's,
 * else the office's default.
 */
export function procedureDetail(
  below: CatalogProcedure,
  ctx: {
    profile: CuratedProfile | null;
    latest: AppliedCorrection | null;
    defaultServiceChargeVnd: number;
    catalogVersion: string;
    pinned: boolean;
  },
): ProcedureDetail {
  const { procedure: p, conflicts } = applyCorrection(below, ctx.latest?.correction ?? null);
  // a version saved to undo the office's changes leaves the procedure as the catalog gives it: not "corrected"
  const applied = ctx.latest && !isEmptyCorrection(ctx.latest.correction) ? ctx.latest : null;
  return {
    code: p.code,
    name: p.name,
    level: p.level,
    field: p.field,
    agency: p.agency,
    pinned: ctx.pinned,
    procedureType: p.procedureType,
    decisionNo: p.decisionNo,
    resultText: p.resultText,
    applicantTypes: p.applicantTypes,
    source: p.source,
    catalogVersion: ctx.catalogVersion,
    modes: p.modes,
    documents: p.documents,
    cases: p.cases,
    notes: p.notes,
    subject: p.subject,
    serviceChargeVnd: ctx.latest?.correction.serviceChargeVnd ?? ctx.defaultServiceChargeVnd,
    layers: {
      curated: ctx.profile !== null,
      profileVersion: ctx.profile?.profileVersion ?? null,
      legalBasis: ctx.profile?.legalBasis ?? [],
      correctionVersion: applied ? applied.version : null,
      correctedBy: applied?.createdBy ?? null,
      correctedAt: applied?.createdAt ?? null,
      conflicts,
    },
  };
}
