// Reads a procedure's filing modes and document components from the catalog tables, in the shared catalog types.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { procedureComponents, procedureModes } from '../../../db/schema';
import type { ProcedureComponent, ProcedureMode } from '../../common/catalog';

export function toProcedureMode(row: typeof procedureModes.$inferSelect): ProcedureMode {
  return {
    mode: row.mode,
    deadlineValue: row.deadlineValue,
    deadlineUnit: row.deadlineUnit,
    deadlineText: row.deadlineText,
    feeVnd: row.feeVnd,
    feeText: row.feeText,
  };
}

export function toProcedureComponent(row: typeof procedureComponents.$inferSelect): ProcedureComponent {
  return {
    kind: row.kind,
    name: row.name,
    originals: row.originals,
    copies: row.copies,
    required: row.required,
  };
}

/** the procedure's filing modes in the record's order */
export function modesOf(db: Db, code: string): ProcedureMode[] {
  return db
    .select()
    .from(procedureModes)
    .where(eq(procedureModes.procedureCode, code))
    .orderBy(asc(procedureModes.ord))
    .all()
    .map(toProcedureMode);
}

/** the procedure's document components in the record's order */
export function componentsOf(db: Db, code: string): ProcedureComponent[] {
  return db
    .select()
    .from(procedureComponents)
    .where(eq(procedureComponents.procedureCode, code))
    .orderBy(asc(procedureComponents.ord))
    .all()
    .map(toProcedureComponent);
}
