// Reads procedures back from the catalog tables (modes, documents, cases, notes) as the shared CatalogProcedure type.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  procedureCases,
  procedureComponents,
  procedureModes,
  procedureNotes,
  procedures,
} from '../../../db/schema';
import {
  feeRuleSchema,
  feeVariantSchema,
  requirements,
  type CatalogCase,
  type CatalogDocument,
  type CatalogNote,
  type CatalogProcedure,
  type FeeRule,
  type ProcedureMode,
  type Requirement,
} from '../../common/catalog';
import { decodeOnlyModes } from '../../common/component-modes';
import { feeRuleFromAmount } from '../../common/fee';

type ModeRow = typeof procedureModes.$inferSelect;
type ComponentRow = typeof procedureComponents.$inferSelect;
type CaseRow = typeof procedureCases.$inferSelect;
type NoteRow = typeof procedureNotes.$inferSelect;
type ProcedureRow = typeof procedures.$inferSelect;

function parseJson(text: string | null): unknown {
  if (text === null || text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The mode's fee as a rule: the stored rule, or (rows imported before rules existed) the one its amount describes. */
export function feeRuleOf(mode: Pick<ProcedureMode, 'fee' | 'feeVnd' | 'feeText'>): FeeRule {
  return mode.fee ?? feeRuleFromAmount(mode.feeVnd, mode.feeText);
}

export function toProcedureMode(row: ModeRow): ProcedureMode {
  const rule = feeRuleSchema.safeParse(parseJson(row.feeRule));
  const variants = feeVariantSchema.array().safeParse(parseJson(row.feeVariants));
  return {
    mode: row.mode,
    deadlineValue: row.deadlineValue,
    deadlineUnit: row.deadlineUnit,
    deadlineText: row.deadlineText,
    feeVnd: row.feeVnd,
    feeText: row.feeText,
    fee: rule.success ? rule.data : feeRuleFromAmount(row.feeVnd, row.feeText),
    feeVariants: variants.success ? variants.data : [],
  };
}

function requirementByModeOf(text: string | null): CatalogDocument['requirementByMode'] {
  const value = parseJson(text);
  if (!value || typeof value !== 'object') return null;
  const out: Partial<Record<'online' | 'postal' | 'direct', Requirement>> = {};
  for (const mode of ['online', 'postal', 'direct'] as const) {
    const r = (value as Record<string, unknown>)[mode];
    if (typeof r === 'string' && (requirements as readonly string[]).includes(r)) out[mode] = r as Requirement;
  }
  return Object.keys(out).length > 0 ? out : null;
}

export function toCatalogDocument(row: ComponentRow): CatalogDocument {
  return {
    key: row.docKey || `legacy-${row.id}`,
    name: row.name,
    label: row.label,
    kind: row.kind,
    originals: row.originals,
    copies: row.copies,
    requirement: row.requirement,
    condition: row.condition,
    onlyModes: decodeOnlyModes(row.onlyModes),
    requirementByMode: requirementByModeOf(row.requirementByMode),
    pageKind: row.pageKind,
    formId: row.formId,
  };
}

type ProcedureRows = { modes: ModeRow[]; components: ComponentRow[]; cases: CaseRow[]; notes: NoteRow[] };

/** Builds one procedure from its rows (each list in `ord` order). */
export function procedureFromRows(row: ProcedureRow, rows: ProcedureRows): CatalogProcedure {
  const cases: CatalogCase[] = rows.cases.map((c) => ({
    key: c.caseKey,
    name: c.name,
    description: c.description,
    documents: [],
  }));
  const byKey = new Map(cases.map((c) => [c.key, c]));
  const documents: CatalogDocument[] = [];
  for (const component of rows.components) {
    const owner = component.caseKey === null ? undefined : byKey.get(component.caseKey);
    (owner ? owner.documents : documents).push(toCatalogDocument(component));
  }
  const notes: CatalogNote[] = rows.notes.map((n) => ({ text: n.text, caseKey: n.caseKey }));
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    field: row.field,
    agency: row.agency,
    procedureType: row.procedureType,
    decisionNo: row.decisionNo,
    resultText: row.resultText,
    applicantTypes: row.applicantTypes,
    source: row.source,
    active: row.active,
    modes: rows.modes.map(toProcedureMode),
    documents,
    cases,
    notes,
    subject: null,
  };
}

/** One stored procedure, as parsed or imported (no profile, no corrections); null when the code is unknown. */
export function storedProcedure(db: Db, code: string): CatalogProcedure | null {
  const row = db.select().from(procedures).where(eq(procedures.code, code)).get();
  if (!row) return null;
  return procedureFromRows(row, {
    modes: db
      .select()
      .from(procedureModes)
      .where(eq(procedureModes.procedureCode, code))
      .orderBy(asc(procedureModes.ord))
      .all(),
    components: db
      .select()
      .from(procedureComponents)
      .where(eq(procedureComponents.procedureCode, code))
      .orderBy(asc(procedureComponents.ord))
      .all(),
    cases: db
      .select()
      .from(procedureCases)
      .where(eq(procedureCases.procedureCode, code))
      .orderBy(asc(procedureCases.ord))
      .all(),
    notes: db
      .select()
      .from(procedureNotes)
      .where(eq(procedureNotes.procedureCode, code))
      .orderBy(asc(procedureNotes.ord))
      .all(),
  });
}

function groupByCode<T extends { procedureCode: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.procedureCode);
    if (list) list.push(row);
    else groups.set(row.procedureCode, [row]);
  }
  return groups;
}

/** Every stored procedure in code order (for export): four table scans instead of four queries per procedure. */
export function allStoredProcedures(db: Db): CatalogProcedure[] {
  const modes = groupByCode(db.select().from(procedureModes).orderBy(asc(procedureModes.ord)).all());
  const components = groupByCode(db.select().from(procedureComponents).orderBy(asc(procedureComponents.ord)).all());
  const cases = groupByCode(db.select().from(procedureCases).orderBy(asc(procedureCases.ord)).all());
  const notes = groupByCode(db.select().from(procedureNotes).orderBy(asc(procedureNotes.ord)).all());
  return db
    .select()
    .from(procedures)
    .orderBy(asc(procedures.code))
    .all()
    .map((row) =>
      procedureFromRows(row, {
        modes: modes.get(row.code) ?? [],
        components: components.get(row.code) ?? [],
        cases: cases.get(row.code) ?? [],
        notes: notes.get(row.code) ?? [],
      }),
    );
}

/** the procedure's filing modes in the record's order (used by intake for deadlines) */
export function modesOf(db: Db, code: string): ProcedureMode[] {
  return db
    .select()
    .from(procedureModes)
    .where(eq(procedureModes.procedureCode, code))
    .orderBy(asc(procedureModes.ord))
    .all()
    .map(toProcedureMode);
}
