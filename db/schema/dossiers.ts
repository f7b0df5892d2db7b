// Dossiers, their component slots, pages and status history.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { dossierStatuses } from '../../electron/common/dossier-status';
import { users } from './accounts';
import { procedures } from './catalog';
import { blobs } from './storage';

export const dossiers = sqliteTable(
  'dossiers',
  {
    id: text('id').primaryKey(),
    localCode: text('local_code').notNull().unique(),
    procedureCode: text('procedure_code')
      .notNull()
      .references(() => procedures.code),
    /** snapshot of the procedure name at intake, so a catalog update never rewrites a receipt */
    procedureName: text('procedure_name').notNull(),
    mode: text('mode', { enum: ['online', 'postal', 'direct'] }).notNull(),
    /** JSON: Applicant */
    applicant: text('applicant').notNull(),
    applicantNameSearch: text('applicant_name_search').notNull().default(''),
    applicantIdNumber: text('applicant_id_number').notNull().default(''),
    /** JSON: procedure form data */
    formData: text('form_data').notNull().default('{}'),
    /** JSON: Delivery */
    delivery: text('delivery').notNull(),
    /** the statutory fee owed (đồng): from the rule and quantity, or the agent's amount; NULL = not known yet */
    feeVnd: integer('fee_vnd'),
    /** JSON: FeeRule of the chosen mode (or fee variant) when the dossier took it, so a catalog update never changes it */
    feeRule: text('fee_rule'),
    /** JSON: FeeQuantity ({ units, copies }) for per-unit fees */
    feeQuantity: text('fee_quantity'),
    /** the fee variant the agent picked (FeeVariant.key); NULL = the mode's own fee */
    feeVariant: text('fee_variant'),
    /** the agent's amount where the catalog has none or an ambiguous one, with the reason (both or neither) */
    feeOverrideVnd: integer('fee_override_vnd'),
    feeOverrideReason: text('fee_override_reason'),
    /** the office's service charge for this dossier (đồng), fixed when the dossier is created */
    serviceChargeVnd: integer('service_charge_vnd').notNull().default(0),
    /** the case (trường hợp) the agent chose; NULL = none chosen yet, or the procedure has none */
    caseKey: text('case_key'),
    /** who the dossier is about when it is not the applicant (khai sinh: the child), as printed on the receipt */
    subjectName: text('subject_name'),
    status: text('status', { enum: dossierStatuses }).notNull(),
    /** yyyy-MM-dd appointment date, set when the dossier is marked ready */
    dueDate: text('due_date'),
    portalCode: text('portal_code'),
    readyOverrideReason: text('ready_override_reason'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    reviewedBy: text('reviewed_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    readyAt: integer('ready_at'),
    /** when the retention purge or an erasure removed the applicant data (name, ID number, contacts, form data); NULL = held */
    personalDataPurgedAt: integer('personal_data_purged_at'),
  },
  (t) => [
    index('dossiers_status_created_idx').on(t.status, t.createdAt),
    index('dossiers_created_idx').on(t.createdAt),
    index('dossiers_creator_created_idx').on(t.createdBy, t.createdAt),
    index('dossiers_procedure_idx').on(t.procedureCode),
    index('dossiers_id_number_idx').on(t.applicantIdNumber),
    // open work and overdue counts (dashboard, chasing), per agent from the index alone; changed-since scans for
    // day-closure corrections
    index('dossiers_status_due_idx').on(t.status, t.dueDate, t.createdBy),
    index('dossiers_updated_idx').on(t.updatedAt),
  ],
);

export const dossierComponents = sqliteTable(
  'dossier_components',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['submit', 'show'] }).notNull(),
    name: text('name').notNull(),
    required: integer('required', { mode: 'boolean' }).notNull(),
    originals: integer('originals'),
    copies: integer('copies'),
    ord: integer('ord').notNull(),
    /** comma-separated filing modes the item's own wording limits it to ("postal,direct"); NULL = every mode */
    onlyModes: text('only_modes'),
    /** the catalog document this slot was made from ('' for slots made before keys; 'other' = Giấy tờ khác) */
    docKey: text('doc_key').notNull().default(''),
    /** the case the slot belongs to; NULL = common to every case */
    caseKey: text('case_key'),
    label: text('label'),
    requirement: text('requirement', { enum: ['required', 'conditional', 'optional'] }).notNull().default('required'),
    condition: text('condition'),
    /** JSON: { online?: Requirement, ... } */
    requirementByMode: text('requirement_by_mode'),
    /** conditional documents: the agent's "áp dụng" (1) / "không áp dụng" (0); NULL = not answered yet */
    applies: integer('applies', { mode: 'boolean' }),
    /** documents to show: who ticked it as seen, and when */
    seenBy: text('seen_by').references(() => users.id),
    seenAt: integer('seen_at'),
    pageKind: text('page_kind', { enum: ['id_card', 'document', 'form'] }).notNull().default('document'),
    formId: text('form_id'),
    /**
     * a form slot the dossier's declaration stands in for (online: complete and confirmed; paper: printed with the
     * current data), per electron/common/forms/form-slot.ts; kept current by core/forms/form-slots, read by the reports
     */
    formFilled: integer('form_filled', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('dossier_components_dossier_idx').on(t.dossierId)],
);

export const pages = sqliteTable(
  'pages',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    componentId: integer('component_id')
      .notNull()
      .references(() => dossierComponents.id, { onDelete: 'cascade' }),
    ord: integer('ord').notNull(),
    /** clockwise degrees: 0 | 90 | 180 | 270 */
    rotation: integer('rotation').notNull().default(0),
    blobSha256: text('blob_sha256')
      .notNull()
      .references(() => blobs.sha256),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    sourceName: text('source_name').notNull(),
    /** what the page is, as data: set by the ID card reader or the agent, defaulting to its slot's page kind */
    kind: text('kind', { enum: ['id_card', 'document', 'form'] }).notNull().default('document'),
    ocrStatus: text('ocr_status', { enum: ['pending', 'running', 'done', 'failed'] })
      .notNull()
      .default('pending'),
    ocrText: text('ocr_text'),
    ocrConfidence: real('ocr_confidence'),
    /** JSON: OcrWord[] with boxes, for the PDF text layer */
    ocrWords: text('ocr_words'),
    /** JSON: the quality gate's findings and metrics at import (core/quality StoredQuality); NULL for older pages */
    quality: text('quality'),
    createdAt: integer('created_at').notNull(),
    /** the page of an earlier dossier this one re-uses (same blob, no copy); no FK: the record outlives the original */
    reusedFromPageId: text('reused_from_page_id'),
    /** when the retention purge or an erasure removed the image (the row, its kind and order stay for counts) */
    purgedAt: integer('purged_at'),
  },
  (t) => [
    index('pages_dossier_idx').on(t.dossierId),
    index('pages_component_idx').on(t.componentId, t.ord),
    index('pages_blob_idx').on(t.blobSha256),
  ],
);

export const statusEvents = sqliteTable(
  'status_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: text('actor_id'),
    source: text('source', { enum: ['local', 'portal', 'sync'] }).notNull(),
    message: text('message'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('status_events_dossier_idx').on(t.dossierId, t.at),
    // "reached status X on day D" counts (dashboard, 30-day series, on-time rate)
    index('status_events_to_at_idx').on(t.toStatus, t.at),
  ],
);
