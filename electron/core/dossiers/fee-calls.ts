// Fees at the counter: the rule snapshot on create and mode change, the agent's quantity/variant/amount, fee_vnd kept current.
import { eq } from 'drizzle-orm';
import { maxPagesInDocumentSlot } from '../../../db/queries/dossier-queries';
import { dossiers } from '../../../db/schema';
import type { ProcedureMode } from '../../common/catalog';
import type { CallInput, DossierDetail } from '../../common/contract';
import { AppError } from '../../common/errors';
import { feeRuleFromAmount } from '../../common/fee';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../auth/actor';
import type { DossierContext } from './dossier-context';
import { feeOf, owedFee, ruleOfMode } from './dossier-fee';
import type { DossierRow } from './dossier-rows';
import { assertVersion } from './lifecycle';

/** The fee columns a dossier takes from its mode: the mode's rule, or the variant of the same key if the mode has one. */
export function feeColumnsFor(
  mode: ProcedureMode | undefined,
  variantKey: string | null,
): Pick<DossierRow, 'feeRule' | 'feeVariant'> {
  if (!mode) return { feeRule: JSON.stringify(feeRuleFromAmount(null, '')), feeVariant: null };
  const { rule, variantKey: kept } = ruleOfMode(mode, variantKey);
  return { feeRule: JSON.stringify(rule), feeVariant: kept };
}

export function createFeeCalls(ctx: DossierContext) {
  const { db, clock } = ctx;

  function modeOf(row: DossierRow): ProcedureMode | undefined {
    return ctx.procedureOf(row.procedureCode)?.modes.find((m) => m.mode === row.mode);
  }

  /** The fee now (typed quantity, or the pages scanned); the catalog is read only for dossiers without a stored rule. */
  function currentFee(row: DossierRow) {
    const scannedUnits = maxPagesInDocumentSlot(db, row.id, row.caseKey);
    return feeOf(row, { mode: row.feeRule === null ? modeOf(row) : undefined, scannedUnits });
  }

  /** Keeps dossiers.fee_vnd equal to what the dossier owes; call in the transaction of any change to the fee's inputs. */
  function storeOwedFee(dossierId: string): void {
    const row = db.select().from(dossiers).where(eq(dossiers.id, dossierId)).get();
    if (!row) return;
    const owed = owedFee(currentFee(row));
    if (owed !== row.feeVnd)
      db.update(dossiers).set({ feeVnd: owed }).where(eq(dossiers.id, dossierId)).run();
  }

  function setFee(actor: Actor, input: CallInput<'dossiers.setFee'>): DossierDetail {
    return db.transaction(() => {
      const row = ctx.loadEditable(actor, input.id);
      assertVersion(row, input.expectedVersion);
      const now = clock.now();
      const set: Partial<DossierRow> = { version: row.version + 1, updatedAt: now };
      if (input.variantKey !== undefined) {
        const mode = modeOf(row);
        if (input.variantKey !== null && !mode?.feeVariants.some((v) => v.key === input.variantKey)) {
          throw new AppError('VALIDATION', {
            fields: { 'fee.variant': 'Hình thức nộp này không có mức phí đã chọn.' },
          });
        }
        Object.assign(set, mode ? feeColumnsFor(mode, input.variantKey) : { feeVariant: null });
      }
      if (input.quantity !== undefined)
        set.feeQuantity = input.quantity ? JSON.stringify(input.quantity) : null;
      if (input.override !== undefined) {
        const reason = input.override?.reason.normalize('NFC').trim() ?? null;
        if (reason !== null && reason.length < 5) {
          throw new AppError('VALIDATION', { fields: { 'fee.reason': 'Hãy ghi lý do, ít nhất 5 ký tự.' } });
        }
        set.feeOverrideVnd = input.override?.amountVnd ?? null;
        set.feeOverrideReason = reason;
      }
      db.update(dossiers).set(set).where(eq(dossiers.id, row.id)).run();
      storeOwedFee(row.id);
      appendAudit(db, {
        at: now,
        actorId: actor.userId,
        action: 'dossier.fee',
        entity: 'dossier',
        entityId: row.id,
        details: {
          ...(set.feeVariant !== undefined ? { variant: set.feeVariant ?? '' } : {}),
          ...(input.quantity !== undefined
            ? { quantity: input.quantity ? `${input.quantity.units}x${input.quantity.copies}` : 'auto' }
            : {}),
          ...(input.override !== undefined
            ? { overrideVnd: input.override?.amountVnd ?? 'none', reason: set.feeOverrideReason ?? '' }
            : {}),
        },
      });
      return ctx.detail(ctx.loadRow(actor, row.id));
    });
  }

  /** A typed quantity stays; a counted one is fixed at the moment the dossier is made ready (the receipt's figure). */
  function freezeQuantity(row: DossierRow): { fee_quantity: string | null; fee_vnd: number | null } {
    const fee = currentFee(row);
    return {
      fee_quantity: fee.quantity ? JSON.stringify(fee.quantity) : row.feeQuantity,
      fee_vnd: owedFee(fee),
    };
  }

  return { setFee, storeOwedFee, freezeQuantity };
}
