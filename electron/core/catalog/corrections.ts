// The office's catalog corrections (layer 3) in catalog_corrections: newest version per procedure, history, save, bases.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { catalogCorrections, users } from '../../../db/schema';
import {
  procedureCorrectionSchema,
  type CatalogFilingMode,
  type CatalogProcedure,
  type CorrectionVersion,
  type ProcedureCorrection,
  type ProcedureCorrectionInput,
} from '../../common/catalog';
import { AppError } from '../../common/errors';
import { appendAudit } from '../audit/audit-log';
import { documentFingerprint, feeFingerprint } from './catalog-keys';
import { everyDocument } from './catalog-merge';
import { feeRuleOf } from './procedure-rows';

export type StoredCorrection = {
  version: number;
  correction: ProcedureCorrection;
  createdBy: string;
  createdAt: number;
};

function toStored(row: typeof catalogCorrections.$inferSelect): StoredCorrection | null {
  let json: unknown;
  try {
    json = JSON.parse(row.patch) as unknown;
  } catch {
    return null;
  }
  const parsed = procedureCorrectionSchema.safeParse(json);
  if (!parsed.success) return null;
  return { version: row.version, correction: parsed.data, createdBy: row.createdBy, createdAt: row.createdAt };
}

/** The version that applies: the newest one saved for the procedure (null when the office never corrected it). */
export function latestCorrection(db: Db, code: string): StoredCorrection | null {
  const row = db
    .select()
    .from(catalogCorrections)
    .where(eq(catalogCorrections.procedureCode, code))
    .orderBy(desc(catalogCorrections.version))
    .limit(1)
    .get();
  return row ? toStored(row) : null;
}

/** Every procedure's newest correction, in code order (for export). */
export function allLatestCorrections(db: Db): StoredCorrection[] {
  const rows = db
    .select()
    .from(catalogCorrections)
    .where(
      sql`${catalogCorrections.version} = (SELECT max(c2.version) FROM catalog_corrections c2 WHERE c2.procedure_code = ${catalogCorrections.procedureCode})`,
    )
    .orderBy(catalogCorrections.procedureCode)
    .all();
  return rows.map(toStored).filter((s): s is StoredCorrection => s !== null);
}

/** Who saved each version and why, newest first. */
export function correctionHistory(db: Db, code: string): CorrectionVersion[] {
  return db
    .select({
      version: catalogCorrections.version,
      createdBy: catalogCorrections.createdBy,
      createdByName: users.fullName,
      createdAt: catalogCorrections.createdAt,
      patch: catalogCorrections.patch,
    })
    .from(catalogCorrections)
    .innerJoin(users, eq(users.id, catalogCorrections.createdBy))
    .where(eq(catalogCorrections.procedureCode, code))
    .orderBy(desc(catalogCorrections.version))
    .all()
    .map(({ patch, ...row }) => {
      const parsed = procedureCorrectionSchema.safeParse(JSON.parse(patch));
      return { ...row, note: parsed.success ? parsed.data.note : '' };
    });
}

/**
 * Drops patches that change nothing and records, for each remaining one, the fingerprint of what the layers below say
 * now: saving again after a catalog update is how the admin accepts the new base and clears a conflict. With
 * `keepBases` (importing another office's file) a base the file gives is kept, so a different catalog shows up as a
 * conflict instead of being accepted silently.
 */
export function withBases(
  input: ProcedureCorrectionInput,
  below: CatalogProcedure,
  opts: { keepBases?: boolean } = {},
): ProcedureCorrection {
  const correction = procedureCorrectionSchema.parse({
    ...input,
    documents: Object.fromEntries(Object.entries(input.documents ?? {}).map(([k, v]) => [k, { ...v, base: v.base ?? '' }])),
    modes: Object.fromEntries(Object.entries(input.modes ?? {}).map(([k, v]) => [k, { ...v, base: v?.base ?? '' }])),
  });
  const docs = new Map(everyDocument(below).map((d) => [d.key, d]));
  const documents: ProcedureCorrection['documents'] = {};
  for (const [key, patch] of Object.entries(correction.documents)) {
    const { base, ...changes } = patch;
    if (Object.values(changes).every((v) => v === undefined)) continue;
    const doc = docs.get(key);
    const current = doc ? documentFingerprint(doc) : base;
    documents[key] = { ...patch, base: opts.keepBases && base !== '' ? base : current };
  }
  const modes: ProcedureCorrection['modes'] = {};
  for (const [mode, patch] of Object.entries(correction.modes) as [CatalogFilingMode, { fee?: never; base: string }][]) {
    if (!patch.fee) continue;
    const below_ = below.modes.find((m) => m.mode === mode);
    const current = below_ ? feeFingerprint(feeRuleOf(below_)) : patch.base;
    modes[mode] = { ...patch, base: opts.keepBases && patch.base !== '' ? patch.base : current };
  }
  return { ...correction, documents, modes };
}

/**
 * Saves a new version (the newest applies) with its audit row, in one transaction. `expectedVersion` is the version the
 * editor started from: when someone saved in between, nothing is written and the admin reloads.
 */
export function saveCorrection(
  db: Db,
  args: { correction: ProcedureCorrection; actorId: string; at: number; expectedVersion?: number | null; action?: string },
): StoredCorrection {
  const code = args.correction.procedureCode;
  return db.transaction(() => {
    const latest = db
      .select({ version: catalogCorrections.version })
      .from(catalogCorrections)
      .where(eq(catalogCorrections.procedureCode, code))
      .orderBy(desc(catalogCorrections.version))
      .limit(1)
      .get();
    const current = latest?.version ?? null;
    if (args.expectedVersion !== undefined && args.expectedVersion !== current)
      throw new AppError('CORRECTION_STALE', { version: current ?? 0 });
    const version = (current ?? 0) + 1;
    db.insert(catalogCorrections)
      .values({
        procedureCode: code,
        version,
        patch: JSON.stringify(args.correction),
        createdBy: args.actorId,
        createdAt: args.at,
      })
      .run();
    appendAudit(db, {
      at: args.at,
      actorId: args.actorId,
      action: args.action ?? 'catalog.correction.save',
      entity: 'procedure',
      entityId: code,
      details: {
        version,
        note: args.correction.note,
        documents: Object.keys(args.correction.documents),
        modes: Object.keys(args.correction.modes),
        serviceChargeVnd: args.correction.serviceChargeVnd,
      },
    });
    return { version, correction: args.correction, createdBy: args.actorId, createdAt: args.at };
  });
}
