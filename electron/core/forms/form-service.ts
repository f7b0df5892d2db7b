// The dossier's declaration form: get it with its problems, save it (version-checked, audited once ready), print it.
import type { Db } from '../../../db/client';
import { AppError } from '../../common/errors';
import { toVietnamIsoDate } from '../../common/format';
import type { FormDefinition } from '../../common/forms/form-definition';
import { getAt, normalizeFormData, withDefaults, type FormData } from '../../common/forms/form-data';
import { emptyStoredForm, storedFormSchema, unconfirmedPaths, type StoredForm } from '../../common/forms/prefill';
import { validateFormData } from '../../common/forms/validate-form';
import { foldVietnamese, tidyText } from '../../common/text';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../auth/actor';
import type { ProcedureLookup } from '../dossiers/dossier-detail';
import type { DossierService } from '../dossiers/dossier-service';
import { assertVersion, staleVersion } from '../dossiers/lifecycle';
import type { Clock } from '../ports';
import { renderFormPdf } from './form-pdf';
import type { FormRegistry } from './form-registry';
import type { FormSlots } from './form-slots';

type Fonts = { regular: Uint8Array; bold: Uint8Array };

/** Every leaf value by concrete path ("members[0].fullName"), for telling which fields an edit changed. */
function leaves(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${prefix}[${i}]`, out));
  else if (typeof value === 'object' && value !== null && !('communeCode' in value || 'text' in value || 'detail' in value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) out[prefix] = JSON.stringify(value);
  return out;
}

export function changedPaths(before: FormData, after: FormData): string[] {
  const a = leaves(before);
  const b = leaves(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((p) => a[p] !== b[p]).sort();
}

function parseStored(json: string): StoredForm | null {
  try {
    const parsed = storedFormSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The dossier's subject name (khai sinh: the child) after a form save: the form's value when it has one; null when the
 * agent cleared a value the form had; undefined (unchanged) when the form never had one, so a name typed in the intake's
 * subject field before the form was started stays until the form names the subject.
 */
export function subjectNameOf(path: string | null, before: FormData, after: FormData): string | null | undefined {
  if (path === null) return undefined;
  const now = getAt(after, path);
  const name = typeof now === 'string' ? tidyText(now) : '';
  if (name !== '') return name;
  const then = getAt(before, path);
  return typeof then === 'string' && tidyText(then) !== '' ? null : undefined;
}

export type FormService = ReturnType<typeof createFormService>;

export function createFormService(deps: {
  db: Db;
  clock: Clock;
  dossiers: DossierService;
  registry: FormRegistry;
  loadFonts: () => Promise<Fonts>;
  procedureOf?: ProcedureLookup;
  /** form slots filled by the form, prints recorded (form-slots.ts); absent in tools that only print */
  slots?: FormSlots;
}) {
  const { db, clock, dossiers, registry, loadFonts } = deps;
  const today = () => toVietnamIsoDate(clock.now());
  const check = (def: FormDefinition, data: FormData) => validateFormData(def, data, { today: today(), units: registry.units });

  /** The form a dossier files: the one it saved, else its checklist's formId, else its procedure's. */
  function formOfDossier(dossierId: string, procedureCode: string, stored: StoredForm | null): FormDefinition {
    if (stored) {
      const def = registry.get(stored.formId);
      if (def) return def;
    }
    const rows = db.$client
      .prepare('SELECT DISTINCT form_id FROM dossier_components WHERE dossier_id = ? AND form_id IS NOT NULL ORDER BY ord')
      .all(dossierId) as { form_id: string }[];
    for (const r of rows) {
      const def = registry.get(r.form_id);
      if (def) return def;
    }
    const def = registry.formOfProcedure(procedureCode);
    if (!def) throw new AppError('FORM_NOT_AVAILABLE');
    return def;
  }

  function storedOf(actor: Actor, dossierId: string) {
    const row = dossiers.loadRow(actor, dossierId);
    const stored = parseStored(row.formData);
    const def = formOfDossier(row.id, row.procedureCode, stored);
    const current = stored && stored.formId === def.id ? stored : emptyStoredForm(def);
    return { row, def, stored: current };
  }

  return {
    registry,

    get(actor: Actor, input: { dossierId?: string; formId?: string; withAdminUnits?: boolean }) {
      const extra = input.withAdminUnits ? { adminUnits: registry.unitsFile.provinces } : {};
      if (input.dossierId === undefined) {
        const def = input.formId ? registry.get(input.formId) : null;
        if (!def) throw new AppError('FORM_NOT_AVAILABLE');
        return { schema: def, stored: null, problems: {}, unconfirmed: [], reasonRequired: false, dossierVersion: null, procedures: registry.proceduresOf(def.id), ...extra };
      }
      const { row, def, stored } = storedOf(actor, input.dossierId);
      // a form opened for the first time gets its defaults (Việt Nam, Kinh, today's date) as typed values
      const data = Object.keys(stored.data).length === 0 ? withDefaults(def, stored.data, today()) : stored.data;
      const opened = { ...stored, data };
      return {
        schema: def,
        stored: opened,
        problems: check(def, data),
        unconfirmed: unconfirmedPaths(def, opened),
        reasonRequired: row.readyAt !== null,
        dossierVersion: row.version,
        procedures: registry.proceduresOf(def.id),
        ...extra,
      };
    },

    save(actor: Actor, input: { dossierId: string; formId: string; version: number; data: Record<string, unknown>; sources?: StoredForm['sources']; confirmed?: string[]; expectedVersion?: number; reason?: string }) {
      const saved = db.transaction(() => {
        // who may edit comes first: a refused caller learns nothing about forms
        const row = dossiers.loadEditable(actor, input.dossierId);
        assertVersion(row, input.expectedVersion);
        const def = registry.get(input.formId);
        if (!def) throw new AppError('FORM_NOT_AVAILABLE');
        if (input.version !== def.version) throw new AppError('FORM_VERSION', { formId: def.id, version: def.version });
        const { data, unknown } = normalizeFormData(def, input.data, registry.units);
        if (unknown.length > 0) {
          throw new AppError('VALIDATION', { fields: Object.fromEntries(unknown.map((p) => [p, 'Mẫu tờ khai không có mục này.'])) });
        }
        const before = parseStored(row.formData);
        const previous = before && before.formId === def.id ? before.data : {};
        const changed = changedPaths(previous, data);
        const kept = (p: string) => getAt(data, p) !== undefined;
        const stored: StoredForm = {
          formId: def.id,
          version: def.version,
          data,
          sources: Object.fromEntries(Object.entries(input.sources ?? {}).filter(([p]) => kept(p))),
          confirmed: [...new Set(input.confirmed ?? [])].filter(kept),
        };
        const now = clock.now();
        const reason = tidyText(input.reason ?? '');
        if (row.readyAt !== null && changed.length > 0) {
          // after "ready" the form is what the agent vouched for: every change says who and why, like the applicant's
          if (reason.length < 5) throw new AppError('FORM_REASON_REQUIRED');
          appendAudit(db, {
            at: now,
            actorId: actor.userId,
            action: 'form.edit',
            entity: 'dossier',
            entityId: row.id,
            // paths only: the values are personal data and the audit log is kept far longer than the dossier
            details: { form: def.id, version: def.version, fields: changed, reason },
          });
        }
        const subject = subjectNameOf(deps.procedureOf?.(row.procedureCode)?.subject?.formField ?? null, previous, data);
        const result = db.$client
          .prepare(
            `UPDATE dossiers SET form_data = ?, version = version + 1, updated_at = ?${subject !== undefined ? ', subject_name = ?' : ''} WHERE id = ? AND version = ?`,
          )
          .run(JSON.stringify(stored), now, ...(subject !== undefined ? [subject] : []), row.id, row.version);
        if (result.changes !== 1) throw staleVersion(row.updatedAt);
        deps.slots?.refresh(row.id);
        return { stored, problems: check(def, data), unconfirmed: unconfirmedPaths(def, stored), dossierVersion: row.version + 1, changed };
      });
      // the checklist (a form slot filled or not) and the subject shown on the intake follow the form
      dossiers.changed(input.dossierId);
      return saved;
    },

    /** Problems of the dossier's saved form (empty when complete); for the ready check and the sync guard. */
    problemsOf(actor: Actor, dossierId: string): Record<string, string> {
      const { def, stored } = storedOf(actor, dossierId);
      return check(def, stored.data);
    },

    async print(actor: Actor, input: { dossierId?: string; formId?: string; data?: Record<string, unknown> }) {
      let def: FormDefinition;
      let data: FormData;
      let name: string;
      let dossier: { row: { id: string; version: number }; stored: StoredForm } | null = null;
      if (input.dossierId !== undefined) {
        const got = storedOf(actor, input.dossierId);
        def = got.def;
        data = got.stored.data;
        name = got.row.localCode;
        dossier = got;
      } else {
        const found = input.formId ? registry.get(input.formId) : null;
        if (!found) throw new AppError('FORM_NOT_AVAILABLE');
        def = found;
        data = normalizeFormData(def, input.data ?? {}, registry.units).data;
        name = 'mau';
      }
      const printed = await renderFormPdf(def, data, { units: registry.units, fonts: await loadFonts() });
      if (dossier && deps.slots) {
        // the paper the citizen signs: in direct and postal filing this print is what fills the tờ khai slot
        deps.slots.recordPrint(actor, dossier.row, dossier.stored, printed.pages);
        dossiers.changed(dossier.row.id);
      }
      const safe = foldVietnamese(name).replace(/[^a-z0-9-]+/g, '-');
      return { fileName: `${def.id}-${safe}.pdf`, mime: 'application/pdf', bytes: printed.bytes };
    },
  };
}
