// The admin's checklist editor behind the contract: read a procedure's layers, save, list history, export and import.
import type { Db } from '../../../db/client';
import {
  correctionsFileSchema,
  procedureCorrectionInputSchema,
  type CatalogProcedure,
  type CorrectionVersion,
  type CorrectionView,
  type CorrectionsFile,
  type ProcedureCorrectionInput,
} from '../../common/catalog';
import { AppError } from '../../common/errors';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import type { Clock } from '../ports';
import { correctionConflicts } from './catalog-merge';
import {
  allLatestCorrections,
  correctionHistory,
  latestCorrection,
  saveCorrection,
  withBases,
} from './corrections';

export type CorrectionsImportResult = { imported: number; skipped: string[]; conflicts: number; summary: string };

export type CorrectionService = ReturnType<typeof createCorrectionService>;

export function createCorrectionService(deps: {
  db: Db;
  clock: Clock;
  /** layers 1 + 2 of a procedure (throws NOT_FOUND for an unknown code) */
  below: (code: string) => { procedure: CatalogProcedure; curated: boolean };
  exists: (code: string) => boolean;
  defaultServiceCharge: () => number;
  officeCode: () => string;
}) {
  const { db, clock } = deps;

  function get(code: string): CorrectionView {
    const { procedure, curated } = deps.below(code);
    const latest = latestCorrection(db, code);
    return {
      code,
      base: procedure,
      correction: latest?.correction ?? null,
      version: latest?.version ?? null,
      conflicts: latest ? correctionConflicts(procedure, latest.correction) : [],
      curated,
      defaultServiceChargeVnd: deps.defaultServiceCharge(),
    };
  }

  /** Saves the editor's correction as a new version; `expectedVersion` guards against two admins saving at once. */
  function save(actor: Actor, input: ProcedureCorrectionInput, expectedVersion: number | null): CorrectionView {
    requireRole(actor, ['admin']);
    const parsed = procedureCorrectionInputSchema.parse(input);
    const { procedure } = deps.below(parsed.procedureCode);
    saveCorrection(db, {
      correction: withBases(parsed, procedure),
      actorId: actor.userId,
      at: clock.now(),
      expectedVersion,
    });
    return get(parsed.procedureCode);
  }

  function history(code: string): CorrectionVersion[] {
    return correctionHistory(db, code);
  }

  /** The newest correction of every procedure the office corrected (empty ones, i.e. undone, left out). */
  function exportFile(): CorrectionsFile {
    const corrections = allLatestCorrections(db)
      .map((s) => s.correction)
      .filter((c) => Object.keys(c.documents).length + Object.keys(c.modes).length > 0 || c.serviceChargeVnd !== null);
    return {
      format: 'dai-ly-dvc-corrections',
      version: 1,
      exportedAt: new Date(clock.now()).toISOString(),
      officeCode: deps.officeCode(),
      corrections,
    };
  }

  function parseFile(text: string): CorrectionsFile {
    let json: unknown;
    try {
      json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    } catch {
      throw new AppError('CORRECTIONS_FORMAT', { detail: 'không phải JSON hợp lệ' });
    }
    const parsed = correctionsFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('CORRECTIONS_FORMAT', {
        detail: issue ? `${issue.path.map(String).join('.') || 'tệp'}: ${issue.message}` : 'không đọc được',
      });
    }
    return parsed.data;
  }

  /**
   * Each correction becomes a new version of its procedure, saved by the importing admin; bases in the file are kept so
   * that a file made against another catalog shows its differences as conflicts. Procedures this catalog lacks are
   * skipped and named.
   */
  function importFile(actor: Actor, text: string): CorrectionsImportResult {
    requireRole(actor, ['admin']);
    const file = parseFile(text);
    const skipped: string[] = [];
    let imported = 0;
    let conflicts = 0;
    db.transaction(() => {
      for (const input of file.corrections) {
        if (!deps.exists(input.procedureCode)) {
          skipped.push(input.procedureCode);
          continue;
        }
        const { procedure } = deps.below(input.procedureCode);
        const correction = withBases(input, procedure, { keepBases: true });
        saveCorrection(db, {
          correction,
          actorId: actor.userId,
          at: clock.now(),
          action: 'catalog.correction.import',
        });
        conflicts += correctionConflicts(procedure, correction).length;
        imported++;
      }
    });
    const parts = [`Đã nhập bản sửa của ${imported} thủ tục từ văn phòng ${file.officeCode}.`];
    if (skipped.length > 0) parts.push(`Bỏ qua ${skipped.length} thủ tục không có trong danh mục: ${skipped.join(', ')}.`);
    if (conflicts > 0) parts.push(`${conflicts} mục khác với danh mục hiện tại, hãy xem lại trong màn hình sửa danh mục.`);
    return { imported, skipped, conflicts, summary: parts.join(' ') };
  }

  return { get, save, history, exportFile, importFile };
}
