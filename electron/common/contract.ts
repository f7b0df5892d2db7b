// The IPC/HTTP contract: every 'noun.verb' call with zod input/output schemas, and the events map.
import { z } from 'zod';
import {
  correctionVersionSchema,
  correctionViewSchema,
  procedureCorrectionInputSchema,
  procedureDetailSchema,
  procedureModeSchema,
  procedureSummarySchema,
} from './catalog';
import { applicantDraftSchema } from './applicant';
import { dossierStatuses, type DossierStatus } from './dossier-status';
import {
  cancelDraftInput,
  changeProcedureInput,
  checklistCallInputs as ci,
  checklistDetailShape,
  checklistSlotShape,
  expectedVersion,
  movedPagesSchema,
  moveToComponentInput,
} from './dossier-contract';
import { digitizeInputs as di, idCardReadInputSchema, idCardReadingSchema, reusableDocumentsSchema, scannerStatusSchema } from './digitize-contract';
import { supplementRequestSchema, syncInputs as si, syncOutputs as so, syncStatusSchema, syncTimelineSchema } from './sync-contract';
import { auditCheckSchema, dashboardSchema, dayReportSchema, reportInputs as ri, reportOutputs as ro, contactAttemptSchema } from './report-contract';
import { formsInputs as fi, formsOutputs as fo } from './forms/forms-contract';
import { backupInputs as bi, backupOutputs as bo, backupStatusSchema, restoreInspectSchema } from './backup-contract';
import {
  citizenSummarySchema,
  dossierConsentsSchema,
  eraseReportSchema,
  pageKindSchema,
  privacyInputs as pi,
  privacyOutputs as po,
  purgePreviewSchema,
  purgeReportSchema,
  retentionSettingsSchema,
} from './privacy-contract';

export const roleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  lockedUntil: z.number().nullable(),
  createdAt: z.number(),
});
export type User = z.infer<typeof userSchema>;

export const officeSchema = z.object({
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().min(1).max(300),
  phone: z.string().trim().max(20).optional(),
});
export type Office = z.infer<typeof officeSchema>;

export const settingsSchema = z.object({
  office: officeSchema,
  idleTimeoutMinutes: z.number().int().min(1).max(240),
  receiptPageSize: z.enum(['A4', 'A5']),
  approvalPolicy: z.enum(['none', 'all', 'per_procedure']),
  approvalProcedures: z.array(z.string()),
  portalUrl: z.string(),
  /** the agent point's own charge per dossier (đồng), collected in cash with the fee */
  serviceChargeVnd: z.number().int().min(0).max(10_000_000),
  /** this counter's watched scanner folder ('' = none); absolute path on this machine */
  scanFolder: z.string().trim().max(500),
  /**
   * this PC's number among the office's counters (quầy/máy 01..99), carried by every local dossier code
   * (DL001-02-261202-0001) so two PCs of one office never print the same code (DESIGN §11)
   */
  counterNumber: z.number().int().min(1).max(99),
});
export type Settings = z.infer<typeof settingsSchema>;

export const sessionInfoSchema = z.object({
  token: z.string(),
  user: userSchema,
  idleTimeoutMs: z.number(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const filingModeSchema = z.enum(['online', 'postal', 'direct']);
export type FilingMode = z.infer<typeof filingModeSchema>;

export const dossierStatusSchema = z.enum(dossierStatuses);
export type { DossierStatus };

export const deliverySchema = z.object({
  method: z.enum(['counter', 'post']),
  address: z.string().max(300).optional(),
  recipientName: z.string().max(120).optional(),
  phone: z.string().max(20).optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const ocrStatusSchema = z.enum(['pending', 'running', 'done', 'failed']);

export const pageSchema = z.object({
  id: z.string(),
  componentId: z.number(),
  ord: z.number(),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  mime: z.string(),
  size: z.number(),
  width: z.number(),
  height: z.number(),
  sourceName: z.string(),
  ocrStatus: ocrStatusSchema,
  ocrText: z.string().nullable(),
  ocrConfidence: z.number().nullable(),
  createdAt: z.number(),
  /** the quality gate's warnings (blurry, too_dark, ...) in Vietnamese; shown, never blocking */
  qualityWarnings: z
    .array(
      z.object({
        code: z.enum(['blurry', 'too_dark', 'too_bright', 'low_resolution', 'cut_off', 'nearly_blank']),
        message: z.string(),
        /** cut_off: the sides as the page is shown now */
        edges: z.array(z.enum(['top', 'bottom', 'left', 'right'])).optional(),
        /** low_resolution: the page's resolution on A4 */
        dpi: z.number().optional(),
      }),
    )
    .optional(),
  /** OCR found the page sideways or upside down and turned it upright (and nobody has turned it since) */
  autoRotated: z.boolean().optional(),
  /** the agent kept the page despite its warnings (name as it was then, time) */
  qualityAccepted: z.object({ byName: z.string(), at: z.number() }).nullable().optional(),
  /** what the page is: set by the ID card reader or the agent, defaulting to its slot's kind (retention uses it) */
  kind: pageKindSchema.optional(),
  /** the image was removed by the retention purge or a citizen's erasure request (time); the row stays for counts */
  purgedAt: z.number().nullable().optional(),
});
export type Page = z.infer<typeof pageSchema>;

export const dossierComponentSchema = z.object({
  id: z.number(),
  kind: z.enum(['submit', 'show']),
  name: z.string(),
  /** must be there before the dossier is ready: required in this mode, or conditional and answered "áp dụng"; in the checklist */
  required: z.boolean(),
  /** the filing modes the item's own wording limits it to ("nếu nộp hồ sơ trực tuyến"); null = every mode */
  onlyModes: z.array(filingModeSchema).nullable(),
  originals: z.number().nullable(),
  copies: z.number().nullable(),
  pages: z.array(pageSchema),
  ...checklistSlotShape,
});
export type DossierComponent = z.infer<typeof dossierComponentSchema>;

export const statusEventSchema = z.object({
  id: z.number(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string().nullable(),
  source: z.enum(['local', 'portal', 'sync']),
  message: z.string().nullable(),
  at: z.number(),
});
export type StatusEvent = z.infer<typeof statusEventSchema>;

export const dossierDetailSchema = z.object({
  id: z.string(),
  localCode: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  mode: filingModeSchema,
  modes: z.array(procedureModeSchema),
  applicant: applicantDraftSchema,
  delivery: deliverySchema,
  feeVnd: z.number().nullable(),
  status: dossierStatusSchema,
  dueDate: z.string().nullable(),
  /** appointment date computed from the chosen mode's deadline (null when the catalog's deadline is unclear) */
  suggestedDueDate: z.string().nullable(),
  portalCode: z.string().nullable(),
  readyOverrideReason: z.string().nullable(),
  version: z.number(),
  createdBy: z.object({ id: z.string(), fullName: z.string() }),
  createdAt: z.number(),
  updatedAt: z.number(),
  components: z.array(dossierComponentSchema),
  history: z.array(statusEventSchema),
  /** counter labels of the documents to submit that must be there (required, or conditional and "áp dụng") with no pages yet */
  missingRequired: z.array(z.string()),
  /** the supervisor's reason while the dossier is returned for fixing; null otherwise */
  returnReason: z.string().nullable(),
  /** field path -> Vietnamese problem; empty when the applicant is complete */
  applicantProblems: z.record(z.string(), z.string()),
  ...checklistDetailShape,
});
export type DossierDetail = z.infer<typeof dossierDetailSchema>;

export const dossierListItemSchema = z.object({
  id: z.string(),
  localCode: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  applicantIdNumber: z.string(),
  status: dossierStatusSchema,
  createdByName: z.string(),
  createdAt: z.number(),
  dueDate: z.string().nullable(),
  pageCount: z.number(),
});
export type DossierListItem = z.infer<typeof dossierListItemSchema>;

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });
const empty = z.object({});
const id = z.object({ id: z.string() });
const fileOut = z.object({ fileName: z.string(), mime: z.string(), bytes });

type Access = 'public' | 'user';
type Procedure<I extends z.ZodType, O extends z.ZodType> = { input: I; output: O; access: Access };
function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: Access = 'user'): Procedure<I, O> {
  return { input, output, access };
}

export const contract = {
  'app.info': call(
    empty,
    z.object({ setupRequired: z.boolean(), office: officeSchema.nullable(), version: z.string() }),
    'public',
  ),
  'setup.complete': call(
    z.object({
      office: officeSchema,
      admin: z.object({ username: z.string().trim().min(3).max(40), fullName: z.string().trim().min(2).max(120), password: z.string() }),
      /** this PC's counter number in the office (asked at set-up so a second PC never starts on 01 too) */
      counterNumber: z.number().int().min(1).max(99).default(1),
    }),
    sessionInfoSchema,
    'public',
  ),
  'auth.login': call(z.object({ username: z.string().trim().min(1), password: z.string().min(1) }), sessionInfoSchema, 'public'),
  'auth.session': call(empty, sessionInfoSchema),
  'auth.logout': call(empty, z.object({ done: z.boolean() })),
  'users.list': call(empty, z.array(userSchema)),
  'users.directory': call(empty, z.array(z.object({ id: z.string(), fullName: z.string(), role: roleSchema }))),
  'users.create': call(
    z.object({ username: z.string().trim().min(3).max(40), fullName: z.string().trim().min(2).max(120), role: roleSchema, password: z.string() }),
    userSchema,
  ),
  'users.update': call(
    z.object({
      id: z.string(),
      fullName: z.string().trim().min(2).max(120).optional(),
      role: roleSchema.optional(),
      active: z.boolean().optional(),
      password: z.string().optional(),
      unlock: z.boolean().optional(),
    }),
    userSchema,
  ),
  'settings.get': call(empty, settingsSchema),
  'settings.update': call(settingsSchema.partial(), settingsSchema),
  'catalog.search': call(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).default(30) }),
    z.array(procedureSummarySchema),
  ),
  'catalog.get': call(z.object({ code: z.string() }), procedureDetailSchema),
  'catalog.pin': call(z.object({ code: z.string(), pinned: z.boolean() }), z.object({ pinned: z.boolean() })),
  'catalog.export': call(empty, fileOut),
  'catalog.import': call(
    z.object({ fileName: z.string(), bytes }),
    z.object({ stored: z.number(), problems: z.number(), summary: z.string() }),
  ),
  'catalog.corrections.get': call(z.object({ code: z.string() }), correctionViewSchema),
  'catalog.corrections.save': call(
    z.object({ correction: procedureCorrectionInputSchema, expectedVersion: z.number().int().nullable() }),
    correctionViewSchema,
  ),
  'catalog.corrections.history': call(z.object({ code: z.string() }), z.array(correctionVersionSchema)),
  'catalog.corrections.export': call(empty, fileOut),
  'catalog.corrections.import': call(
    z.object({ fileName: z.string(), bytes }),
    z.object({ imported: z.number(), skipped: z.array(z.string()), conflicts: z.number(), summary: z.string() }),
  ),
  'dossiers.create': call(z.object({ procedureCode: z.string(), mode: filingModeSchema.optional() }), dossierDetailSchema),
  'dossiers.get': call(id, dossierDetailSchema),
  'dossiers.saveDraft': call(
    z.object({
      id: z.string(),
      applicant: applicantDraftSchema.optional(),
      delivery: deliverySchema.optional(),
      mode: filingModeSchema.optional(),
      /** the person the dossier is about (khai sinh: the child), when the procedure has one */
      subjectName: z.string().trim().max(120).optional(),
      expectedVersion,
    }),
    z.object({ version: z.number(), updatedAt: z.number(), feeVnd: z.number().nullable(), applicantProblems: z.record(z.string(), z.string()) }),
  ),
  'dossiers.markReady': call(
    z.object({
      id: z.string(),
      overrideReason: z.string().trim().max(500).optional(),
      /** yyyy-MM-dd; required when suggestedDueDate is null, otherwise it replaces the computed date */
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      expectedVersion,
    }),
    dossierDetailSchema,
  ),
  /** a draft never marked ready is deleted with its pages (audited); its scans' files go when no other page uses them */
  'dossiers.cancelDraft': call(cancelDraftInput, z.object({ deleted: z.boolean(), pages: z.number().int() })),
  /** a draft moves to another procedure keeping applicant and pages; pages without a matching slot go to "Giấy tờ khác" */
  'dossiers.changeProcedure': call(changeProcedureInput, z.object({ detail: dossierDetailSchema, moved: movedPagesSchema })),
  /** the case (trường hợp); pages of slots that leave the checklist move to "Giấy tờ khác", listed in `moved` */
  'dossiers.setCase': call(ci.setCase, z.object({ detail: dossierDetailSchema, moved: movedPagesSchema })),
  /** a conditional document: "áp dụng" (true) / "không áp dụng" (false) / not answered (null) */
  'dossiers.setApplies': call(ci.setApplies, dossierDetailSchema),
  /** a document to show: "đã xem bản chính", recorded with who and when */
  'dossiers.markSeen': call(ci.markSeen, dossierDetailSchema),
  /** the fee at the counter: variant, quantity (pages, copies), the agent's amount with a reason */
  'dossiers.setFee': call(ci.setFee, dossierDetailSchema),
  'dossiers.list': call(
    z.object({
      status: dossierStatusSchema.optional(),
      fromDate: z.string().optional(),
      toDate: z.string().optional(),
      createdBy: z.string().optional(),
      procedureCode: z.string().optional(),
      text: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ items: z.array(dossierListItemSchema), total: z.number() }),
  ),
  'pages.add': call(
    z.object({ dossierId: z.string(), componentId: z.number(), fileName: z.string(), bytes }),
    z.object({ pages: z.array(pageSchema) }),
  ),
  'pages.rotate': call(z.object({ pageId: z.string(), clockwise: z.boolean().default(true) }), pageSchema),
  'pages.remove': call(z.object({ pageId: z.string() }), z.object({ removed: z.boolean() })),
  'pages.move': call(z.object({ pageId: z.string(), toIndex: z.number().int().min(0) }), z.object({ moved: z.boolean() })),
  /** a page filed in the wrong slot goes to another one of the same dossier, keeping its OCR text and quality */
  'pages.moveToComponent': call(moveToComponentInput, z.object({ moved: z.boolean() })),
  'pages.image': call(z.object({ pageId: z.string(), variant: z.enum(['thumb', 'full']) }), z.object({ mime: z.string(), bytes })),
  'pages.retryOcr': call(z.object({ pageId: z.string() }), z.object({ queued: z.boolean() })),
  // what the agent is looking at is recognised first; focused: false when OCR is off on this machine
  'ocr.focus': call(z.object({ dossierId: z.string(), pageId: z.string().nullish() }), z.object({ focused: z.boolean() })),
  /** keep a page despite the quality gate's warnings; recorded with who and when */
  'pages.acceptQuality': call(z.object({ pageId: z.string() }), pageSchema),
  'pages.reuse': call(di.reuse, z.object({ pages: z.array(pageSchema) })),
  'documents.reusable': call(di.reusable, reusableDocumentsSchema),
  /** a supervisor lets a dossier re-use the citizen's earlier papers without a card read (recorded with the reason) */
  'reuse.approve': call(di.reuseApprove, z.object({ approved: z.boolean() })),
  /** thumbnail of an earlier page of the same citizen, for the re-use dialog (also pages other agents scanned) */
  'documents.reusableThumb': call(di.reusableThumb, z.object({ mime: z.string(), bytes })),
  'idcard.read': call(idCardReadInputSchema, idCardReadingSchema),
  'scanner.status': call(empty, scannerStatusSchema),
  'scanner.setTarget': call(di.scannerSetTarget, scannerStatusSchema),
  'scanner.keepPages': call(di.scannerKeepPages, scannerStatusSchema),
  'documents.receipt': call(z.object({ dossierId: z.string(), pageSize: z.enum(['A4', 'A5']).optional() }), fileOut),
  'documents.componentPdf': call(z.object({ dossierId: z.string(), componentId: z.number() }), fileOut),
  /** the declaration form (tờ khai): schema, saved data, problems by data path, prefill awaiting confirmation */
  'forms.get': call(fi.get, fo.get),
  /** saves the whole form; after the dossier has been ready once, needs a reason and is audited */
  'forms.save': call(fi.save, fo.save),
  /** the official form as A4 PDF, filled with the dossier's data (or the given data for a form id) */
  'forms.print': call(fi.print, fileOut),
  /** a scanned Giấy chứng sinh of the dossier read into its form (stored OCR, no second pass): values to confirm */
  'forms.prefillFromPage': call(fi.prefillFromPage, fo.prefillFromPage),
  'review.queue': call(ri.reviewQueue, ro.reviewQueue),
  'review.approve': call(ri.reviewApprove, dossierDetailSchema),
  'review.return': call(ri.reviewReturn, dossierDetailSchema),
  'review.returned': call(ri.reviewReturned, ro.reviewReturned),
  'reports.dashboard': call(ri.dashboard, dashboardSchema),
  'reports.drill': call(ri.drill, z.object({ items: z.array(dossierListItemSchema), total: z.number() })),
  'reports.dayReport': call(ri.day, dayReportSchema),
  'reports.dayReportPdf': call(ri.day, fileOut),
  'reports.dayReportXlsx': call(ri.day, fileOut),
  'reports.closeDay': call(ri.day, dayReportSchema),
  'reports.closures': call(ri.closures, ro.closures),
  'reports.corrections': call(empty, ro.corrections),
  'chase.list': call(ri.chaseList, ro.chaseList),
  'chase.addContact': call(ri.chaseAdd, contactAttemptSchema),
  'chase.contacts': call(ri.chaseContacts, z.array(contactAttemptSchema)),
  'audit.list': call(ri.auditList, ro.auditList),
  'audit.verify': call(empty, auditCheckSchema),
  'sync.status': call(empty, syncStatusSchema),
  'sync.now': call(empty, syncStatusSchema),
  'sync.configure': call(si.configure, so.configure),
  'dossiers.syncTimeline': call(id, syncTimelineSchema),
  'supplements.list': call(si.supplementsList, z.array(supplementRequestSchema)),
  'supplements.markSeen': call(si.markSeen, z.object({ seen: z.boolean() })),
  /** folder, schedule, keep-N, last outcome and the warning a supervisor must see */
  'backup.status': call(empty, backupStatusSchema),
  'backup.configure': call(bi.configure, backupStatusSchema),
  /** the office's recovery passphrase; the recovery sheet (PDF) comes back this once and is never stored */
  'backup.setPassphrase': call(bi.setPassphrase, bo.setPassphrase),
  /** starts a backup now; progress and the outcome come as backup.status events */
  'backup.run': call(empty, backupStatusSchema),
  /** backups found in a folder; public on a fresh install (restore before set-up), admin otherwise */
  'backup.list': call(bi.list, bo.list, 'public'),
  /** opens a backup with the passphrase and says what restoring it would lose (same access as backup.list) */
  'restore.inspect': call(bi.inspect, restoreInspectSchema, 'public'),
  /** restores a backup (every byte verified) and restarts the core on it; losing newer data needs confirmLoss */
  'restore.apply': call(bi.apply, bo.apply, 'public'),
  /** the citizen's consent on a dossier: the notice to read, what was agreed, how, by whom, withdrawals */
  'consent.get': call(pi.consentGet, dossierConsentsSchema),
  'consent.record': call(pi.consentRecord, dossierConsentsSchema),
  /** withdrawing re-use stops re-use offers at once; withdrawing the procedure withdraws a dossier not yet sent */
  'consent.withdraw': call(pi.consentWithdraw, dossierConsentsSchema),
  /** retention periods per class of data (admin sets them; supervisors read) and the last purge */
  'retention.get': call(empty, retentionSettingsSchema),
  'retention.update': call(pi.retentionUpdate, retentionSettingsSchema),
  /** what the next purge would remove, per class and dossier */
  'retention.preview': call(empty, purgePreviewSchema),
  /** the admin runs the purge now (it also runs at start-up and daily) */
  'retention.run': call(empty, purgeReportSchema),
  'retention.holds': call(empty, po.legalHolds),
  'retention.hold': call(pi.legalHoldByCode, po.legalHolds),
  'retention.release': call(pi.legalRelease, po.legalHolds),
  /** the access log (every look at a citizen's pages, PDFs, exports, searches by ID number), for a supervisor */
  'accessLog.list': call(pi.accessList, po.accessList),
  'accessLog.export': call(pi.accessExport, po.fileOut),
  'accessLog.verify': call(empty, po.accessVerify),
  /** a citizen's request, by ID number: what is held, a copy of it (JSON + PDF), erasure (typed confirmation) */
  'citizen.find': call(pi.citizenFind, citizenSummarySchema),
  'citizen.export': call(pi.citizenExport, po.citizenExport),
  'citizen.erase': call(pi.citizenErase, eraseReportSchema),
  /** the agent says what a page is (ID card, document, form) */
  'pages.setKind': call(pi.pageSetKind, pageSchema),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

export const events = {
  'ocr.progress': z.object({
    dossierId: z.string(),
    pageId: z.string(),
    status: ocrStatusSchema,
    confidence: z.number().optional(),
    /** done without recognition: the quality gate found the page blank */
    blank: z.boolean().optional(),
  }),
  'dossier.changed': z.object({ dossierId: z.string() }),
  'scanner.status': scannerStatusSchema,
  'sync.status': syncStatusSchema,
  'backup.status': backupStatusSchema,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** params: the error's details as plain values, so the UI can word the message in its own language (error code keys) */
export type RpcError = { code: string; message: string; fields?: Record<string, string>; params?: Record<string, string | number> };
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

export const callNames = Object.keys(contract) as CallName[];
export const eventNames = Object.keys(events) as EventName[];
