// Contract handlers: one line per call, mapping the caller and parsed input onto a core service.
import { AppError } from '../../common/errors';
import type { AuditView } from '../audit/audit-view';
import type { AuthService } from '../auth/auth-service';
import { requireRole, type Actor } from '../auth/actor';
import type { DossierDetail } from '../../common/contract';
import type { CatalogService } from '../catalog/catalog-service';
import type { DocumentsService } from '../documents/documents-service';
import type { DossierService } from '../dossiers/dossier-service';
import type { DraftService } from '../dossiers/draft-service';
import type { FormPagePrefill } from '../forms/form-page-prefill';
import type { FormService } from '../forms/form-service';
import type { IdCardService } from '../idcard/idcard-service';
import type { OcrQueue } from '../ocr/ocr-queue';
import type { PageService } from '../pages/page-service';
import type { ReportService } from '../reports/report-service';
import type { ChaseService } from '../review/chase-service';
import type { ReviewService } from '../review/review-service';
import type { ReuseService } from '../reuse/reuse-service';
import type { ScannerService } from '../scanner/scanner-service';
import type { SettingsService } from '../settings/settings-service';
import type { SyncCalls } from '../sync/sync-calls';
import type { SyncController } from '../sync/sync-controller';
import type { Handlers } from './router';
import type { BackupService } from '../backup/backup-service';
import type { RestoreService } from '../backup/restore-service';
import type { PrivacyServices } from '../privacy/privacy-services';

export function createHandlers(s: {
  auth: AuthService;
  settings: SettingsService;
  catalog: CatalogService;
  dossiers: DossierService;
  /** cancel a draft, move it to another procedure (absent in older setups) */
  drafts?: DraftService;
  pages: PageService;
  documents: DocumentsService;
  /** absent in setups built without the form engine */
  forms?: FormService;
  /** a scanned Giấy chứng sinh read into the form (absent with the form engine) */
  formPrefill?: FormPagePrefill;
  review: ReviewService;
  chase: ChaseService;
  reports: ReportService;
  audit: AuditView;
  idcard: IdCardService;
  scanner: ScannerService;
  reuse: ReuseService;
  sync: SyncCalls;
  syncController: SyncController;
  /** null when OCR is off on this machine */
  ocr?: Pick<OcrQueue, 'focus'> | null;
  backup: BackupService;
  restore: RestoreService;
  /** consent, retention, access log, citizens' requests (absent in setups built without them: nothing is logged) */
  privacy?: PrivacyServices;
  version: string;
}): Handlers {
  const privacy = (): PrivacyServices => {
    if (!s.privacy) throw new AppError('NOT_FOUND');
    return s.privacy;
  };
  /** every look at a citizen's data through the contract goes into the access log (core/privacy/access-log) */
  const logged = <T>(value: T, log: (p: PrivacyServices) => void): T => {
    if (s.privacy) log(s.privacy);
    return value;
  };
  /** a search text that is (part of) an ID number: 9+ digits */
  const idSearch = (text: string | undefined): string | null => (text && /^\d{9,12}$/.test(text.trim()) ? text.trim() : null);
  /** restore before set-up on a fresh install (anyone at the PC, like set-up itself), the admin afterwards */
  const restorer = (ctx: { session: string | null }): Actor | null => {
    if (s.auth.setupRequired()) return null;
    const { actor } = s.auth.resolve(ctx.session);
    requireRole(actor, ['admin']);
    return actor;
  };
  /** a dossier that became ready / approved is queued for the portal when sync is configured (otherwise it stays) */
  const queued = (ctx: { actor: Actor }, d: DossierDetail): DossierDetail =>
    (d.status === 'ready' || d.status === 'approved') && s.syncController.dossierReady(d.id, ctx.actor.userId)
      ? s.dossiers.get(ctx.actor, d.id)
      : d;
  return {
    'app.info': () => ({
      setupRequired: s.auth.setupRequired(),
      office: s.settings.hasOffice() ? s.settings.get().office : null,
      version: s.version,
    }),
    'setup.complete': (_ctx, input) => s.auth.completeSetup(input),
    'auth.login': (_ctx, input) => s.auth.login(input.username, input.password),
    'auth.session': (ctx) => s.auth.resolve(ctx.session).session,
    'auth.logout': (ctx) => {
      s.auth.logout(ctx.session);
      return { done: true };
    },
    'users.list': (ctx) => s.auth.listUsers(ctx.actor),
    'users.directory': () => s.auth.directory(),
    'users.create': (ctx, input) => s.auth.createUser(ctx.actor, input),
    'users.update': (ctx, input) => s.auth.updateUser(ctx.actor, input),
    'settings.get': () => s.settings.get(),
    'settings.update': async (ctx, input) => {
      const next = s.settings.update(ctx.actor, input);
      if (input.portalUrl !== undefined) await s.syncController.settingsChanged();
      return next;
    },
    'catalog.search': (ctx, input) => s.catalog.search(input.query, { userId: ctx.actor.userId, limit: input.limit }),
    'catalog.get': (ctx, input) => s.catalog.get(input.code, { userId: ctx.actor.userId }),
    'catalog.pin': (ctx, input) => {
      if (input.pinned) s.catalog.pin(ctx.actor.userId, input.code);
      else s.catalog.unpin(ctx.actor.userId, input.code);
      return { pinned: input.pinned };
    },
    'catalog.export': (ctx) => {
      requireRole(ctx.actor, ['admin', 'supervisor']);
      const json = s.catalog.exportJson();
      return { fileName: 'danh-muc-thu-tuc.json', mime: 'application/json', bytes: new TextEncoder().encode(json) };
    },
    'catalog.import': (ctx, input) => {
      requireRole(ctx.actor, ['admin']);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
      } catch {
        throw new AppError('CATALOG_FORMAT', { detail: 'tệp không phải văn bản UTF-8' });
      }
      return s.catalog.importJson(text);
    },
    'catalog.corrections.get': (ctx, input) => {
      requireRole(ctx.actor, ['admin', 'supervisor']);
      return s.catalog.corrections.get(input.code);
    },
    'catalog.corrections.save': (ctx, input) =>
      s.catalog.corrections.save(ctx.actor, input.correction, input.expectedVersion),
    'catalog.corrections.history': (ctx, input) => {
      requireRole(ctx.actor, ['admin', 'supervisor']);
      return s.catalog.corrections.history(input.code);
    },
    'catalog.corrections.export': (ctx) => {
      requireRole(ctx.actor, ['admin', 'supervisor']);
      const json = JSON.stringify(s.catalog.corrections.exportFile(), null, 2);
      return { fileName: 'ban-sua-danh-muc.json', mime: 'application/json', bytes: new TextEncoder().encode(json) };
    },
    'catalog.corrections.import': (ctx, input) => {
      requireRole(ctx.actor, ['admin']);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
      } catch {
        throw new AppError('CORRECTIONS_FORMAT', { detail: 'tệp không phải văn bản UTF-8' });
      }
      return s.catalog.corrections.importFile(ctx.actor, text);
    },
    'dossiers.create': (ctx, input) => s.dossiers.create(ctx.actor, input),
    'dossiers.get': (ctx, input) => s.dossiers.get(ctx.actor, input.id),
    'dossiers.saveDraft': (ctx, input) => s.dossiers.saveDraft(ctx.actor, input),
    'dossiers.markReady': (ctx, input) => queued(ctx, s.dossiers.markReady(ctx.actor, input)),
    'dossiers.list': (ctx, input) => {
      const id = idSearch(input.text);
      return logged(s.dossiers.list(ctx.actor, input), (p) => {
        if (id) p.access.append(ctx.actor, { action: 'search.id_number', idNumber: id.length === 12 ? id : null, target: id.length === 12 ? null : 'một phần số định danh' });
      });
    },
    'dossiers.cancelDraft': (ctx, input) => draftsOf(s.drafts).cancelDraft(ctx.actor, input),
    'dossiers.changeProcedure': (ctx, input) => draftsOf(s.drafts).changeProcedure(ctx.actor, input),
    'dossiers.setCase': (ctx, input) => s.dossiers.setCase(ctx.actor, input),
    'dossiers.setApplies': (ctx, input) => s.dossiers.setApplies(ctx.actor, input),
    'dossiers.markSeen': (ctx, input) => s.dossiers.markSeen(ctx.actor, input),
    'dossiers.setFee': (ctx, input) => s.dossiers.setFee(ctx.actor, input),
    'pages.add': async (ctx, input) => ({ pages: await s.pages.add(ctx.actor, input) }),
    'pages.rotate': (ctx, input) => s.pages.rotate(ctx.actor, input.pageId, input.clockwise),
    'pages.remove': (ctx, input) => ({ removed: s.pages.remove(ctx.actor, input.pageId) }),
    'pages.move': (ctx, input) => ({ moved: s.pages.move(ctx.actor, input.pageId, input.toIndex) }),
    'pages.moveToComponent': (ctx, input) => ({ moved: s.pages.moveToComponent(ctx.actor, input) }),
    'pages.image': async (ctx, input) =>
      logged(await s.pages.image(ctx.actor, input.pageId, input.variant), (p) => p.access.page(ctx.actor, ctx.session, input.pageId, input.variant)),
    'pages.setKind': (ctx, input) => s.pages.setKind(ctx.actor, input.pageId, input.kind),
    'pages.retryOcr': (ctx, input) => ({ queued: s.pages.retryOcr(ctx.actor, input.pageId) }),
    'ocr.focus': (ctx, input) => {
      s.dossiers.loadRow(ctx.actor, input.dossierId); // same visibility as dossiers.get
      if (!s.ocr) return { focused: false };
      if (!s.ocr.focus({ dossierId: input.dossierId, pageId: input.pageId ?? null })) throw new AppError('NOT_FOUND');
      return { focused: true };
    },
    'pages.acceptQuality': (ctx, input) => s.pages.acceptQuality(ctx.actor, input.pageId),
    'pages.reuse': (ctx, input) =>
      logged({ pages: s.reuse.reuse(ctx.actor, input) }, (p) =>
        p.access.append(ctx.actor, { action: 'reuse.link', dossierId: input.dossierId, target: input.pageIds.join(','), reason: p.reuseReason(input.dossierId) }),
      ),
    'documents.reusable': (ctx, input) => {
      const found = s.reuse.reusable(ctx.actor, input.dossierId);
      return logged(found, (p) => {
        if (found.idNumber !== '' && found.allowedBy !== null) {
          p.access.oncePerHour(ctx.actor, ctx.session, { action: 'reuse.list', dossierId: input.dossierId, target: input.dossierId, idNumber: found.idNumber, reason: p.reuseReason(input.dossierId) });
        }
      });
    },
    'reuse.approve': (ctx, input) => s.reuse.approve(ctx.actor, input),
    'documents.reusableThumb': async (ctx, input) =>
      logged(await s.reuse.thumbnail(ctx.actor, input.dossierId, input.pageId), (p) =>
        p.access.oncePerHour(ctx.actor, ctx.session, { action: 'reuse.thumb', dossierId: input.dossierId, target: input.pageId, reason: p.reuseReason(input.dossierId) }),
      ),
    'idcard.read': (ctx, input) => s.idcard.read(ctx.actor, input),
    'scanner.status': () => s.scanner.status(),
    'scanner.setTarget': (ctx, input) => s.scanner.setTarget(ctx.actor, input.target),
    'scanner.keepPages': (ctx, input) => s.scanner.keepPages(ctx.actor, input.pageIds),
    'documents.receipt': async (ctx, input) =>
      logged(await s.documents.receipt(ctx.actor, input.dossierId, input.pageSize), (p) =>
        p.access.append(ctx.actor, { action: 'pdf.receipt', dossierId: input.dossierId }),
      ),
    'documents.componentPdf': async (ctx, input) =>
      logged(await s.documents.componentPdf(ctx.actor, input.dossierId, input.componentId), (p) =>
        p.access.append(ctx.actor, { action: 'pdf.component', dossierId: input.dossierId, target: String(input.componentId) }),
      ),
    'forms.get': (ctx, input) => formsOf(s.forms).get(ctx.actor, input),
    'forms.save': (ctx, input) => formsOf(s.forms).save(ctx.actor, input),
    'forms.print': async (ctx, input) =>
      logged(await formsOf(s.forms).print(ctx.actor, input), (p) => {
        if (input.dossierId) p.access.append(ctx.actor, { action: 'pdf.form', dossierId: input.dossierId });
      }),
    'forms.prefillFromPage': (ctx, input) => formsOf(s.formPrefill).prefillFromPage(ctx.actor, input),
    'review.queue': (ctx, input) => s.review.queue(ctx.actor, input),
    'review.approve': (ctx, input) => queued(ctx, s.review.approve(ctx.actor, input)),
    'review.return': (ctx, input) => s.review.return(ctx.actor, input),
    'review.returned': (ctx, input) => s.review.returned(ctx.actor, input),
    'reports.dashboard': (ctx, input) => s.reports.dashboard(ctx.actor, input),
    'reports.drill': (ctx, input) => s.reports.drill(ctx.actor, input),
    'reports.dayReport': (ctx, input) => s.reports.dayReport(ctx.actor, input.date),
    'reports.dayReportPdf': (ctx, input) => s.reports.dayReportPdf(ctx.actor, input.date),
    'reports.dayReportXlsx': (ctx, input) => s.reports.dayReportXlsx(ctx.actor, input.date),
    'reports.closeDay': (ctx, input) => {
      const closed = s.reports.closeDay(ctx.actor, input.date);
      s.backup.afterDayClose(); // the admin's "back up after each day close" (runs in the background)
      return closed;
    },
    'reports.closures': (ctx, input) => s.reports.closures(ctx.actor, input.limit),
    'reports.corrections': (ctx) => s.reports.corrections(ctx.actor),
    'chase.list': (ctx, input) => s.chase.list(ctx.actor, input),
    'chase.addContact': (ctx, input) => s.chase.addContact(ctx.actor, input),
    'chase.contacts': (ctx, input) => s.chase.contacts(ctx.actor, input.dossierId),
    'audit.list': (ctx, input) => s.audit.list(ctx.actor, input),
    'audit.verify': (ctx) => s.audit.verify(ctx.actor),
    'sync.status': () => s.sync.status(),
    'sync.now': () => s.sync.now(),
    'sync.configure': (ctx, input) => s.sync.configure(ctx.actor, input),
    'dossiers.syncTimeline': (ctx, input) => s.sync.timeline(ctx.actor, input.id),
    'supplements.list': (ctx, input) => s.sync.supplements(ctx.actor, input),
    'supplements.markSeen': (ctx, input) => s.sync.markSeen(ctx.actor, input.id),
    'backup.status': () => s.backup.status(),
    'backup.configure': (ctx, input) => s.backup.configure(ctx.actor, input),
    'backup.setPassphrase': (ctx, input) => s.backup.setPassphrase(ctx.actor, input),
    'backup.run': (ctx) => s.backup.runNow(ctx.actor),
    'backup.list': (ctx, input) => {
      restorer(ctx);
      return s.restore.list(input.folder ?? s.backup.status().folder);
    },
    'restore.inspect': (ctx, input) => {
      restorer(ctx);
      return s.restore.inspect(input);
    },
    'restore.apply': (ctx, input) => s.restore.apply(input, restorer(ctx)?.userId ?? null),
    'consent.get': (ctx, input) => privacy().consent.get(ctx.actor, input.dossierId),
    'consent.record': (ctx, input) => privacy().consent.record(ctx.actor, input),
    'consent.withdraw': (ctx, input) => privacy().consent.withdraw(ctx.actor, input),
    'retention.get': (ctx) => privacy().retention.get(ctx.actor),
    'retention.update': (ctx, input) => privacy().retention.update(ctx.actor, input),
    'retention.preview': (ctx) => privacy().retention.preview(ctx.actor),
    'retention.run': (ctx) => privacy().retention.run(ctx.actor),
    'retention.holds': (ctx) => privacy().retention.holds(ctx.actor),
    'retention.hold': (ctx, input) => privacy().retention.hold(ctx.actor, input),
    'retention.release': (ctx, input) => privacy().retention.release(ctx.actor, input),
    'accessLog.list': (ctx, input) => privacy().accessView.list(ctx.actor, input),
    'accessLog.export': (ctx, input) => privacy().accessView.export(ctx.actor, input),
    'accessLog.verify': (ctx) => privacy().accessView.verify(ctx.actor),
    'citizen.find': (ctx, input) => privacy().citizen.find(ctx.actor, input.idNumber),
    'citizen.export': (ctx, input) => privacy().citizen.export(ctx.actor, input.idNumber),
    'citizen.erase': (ctx, input) => privacy().citizen.erase(ctx.actor, input),
  };
}

function draftsOf(drafts: DraftService | undefined): DraftService {
  if (!drafts) throw new AppError('NOT_FOUND');
  return drafts;
}

function formsOf<T>(forms: T | undefined): T {
  if (!forms) throw new AppError('FORM_NOT_AVAILABLE');
  return forms;
}
