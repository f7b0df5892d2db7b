// Printable documents of a dossier: the receipt (phiếu tiếp nhận) and one PDF per component.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { pages } from '../../../db/schema';
import type { ApplicantDraft } from '../../common/applicant';
import type { DossierDetail } from '../../common/contract';
import { AppError } from '../../common/errors';
import { formFillsSlot } from '../../common/forms/form-slot';
import { foldVietnamese } from '../../common/text';
import type { Actor } from '../auth/actor';
import type { DossierService } from '../dossiers/dossier-service';
import { compactPageForPdf } from '../pdf/compact-page';
import { assembleComponentPdf } from '../pdf/component-pdf';
import { renderReceiptPdf, type ReceiptData } from '../pdf/receipt';
import type { SettingsService } from '../settings/settings-service';
import type { BlobStore } from '../storage/blob-store';
import { endedAt } from '../privacy/citizen-data';
import type { ReceiptConsent } from '../privacy/consent-service';
import { DAY_MS, readPeriods } from '../privacy/retention-rules';
import { systemClock, type Clock } from '../ports';
import { formatDate, toVietnamIsoDate } from '../../common/format';

export type Fonts = { regular: Uint8Array; bold: Uint8Array };

function safeFilePart(value: string): string {
  return foldVietnamese(value).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'tai-lieu';
}

/**
 * What the citizen handed over, as the receipt lists it: documents with pages, documents to show whose original the
 * agent ticked as seen, and the tờ khai the form filled in the app stands in for (online: sent as data; direct and
 * postal: the printed form the citizen signed, with the pages printed); never a slot left empty, nor a note. Counter
 * labels, in checklist order.
 */
export function receivedDocuments(d: DossierDetail): ReceiptData['components'] {
  return d.components.flatMap((c): ReceiptData['components'] => {
    const base = { name: c.label ?? c.name, kind: c.kind, originals: c.originals, copies: c.copies };
    if (c.pages.length > 0 || (c.kind === 'show' && c.seen !== null)) return [{ ...base, pageCount: c.pages.length }];
    const fill = c.formFill;
    if (!fill || !formFillsSlot(fill.state)) return [];
    return fill.state === 'filled'
      ? [{ ...base, pageCount: 0, via: 'form_data' as const }]
      : [{ ...base, pageCount: fill.printedPages ?? 0, via: 'form_print' as const }];
  });
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;

export function createDocumentsService(deps: {
  db: Db;
  blobs: BlobStore;
  dossiers: DossierService;
  settings: SettingsService;
  loadFonts: () => Promise<Fonts>;
  /** the citizen's consent in force, printed on the receipt (core/privacy/consent-service) */
  consentOf?: (dossierId: string) => ReceiptConsent | null;
  clock?: Clock;
}) {
  const { db, blobs, dossiers, settings, loadFonts } = deps;

  /** A receipt may be printed again until the receipts' retention period after the dossier's end has run out. */
  function assertReprintable(dossierId: string): void {
    const end = endedAt(db, dossierId);
    if (end === null) return;
    const until = end + readPeriods(db).receipts * DAY_MS;
    if (until <= (deps.clock ?? systemClock).now()) {
      throw new AppError('RETENTION_EXPIRED', { what: 'phiếu tiếp nhận', date: formatDate(toVietnamIsoDate(until)) });
    }
  }

  return {
    async receipt(actor: Actor, dossierId: string, pageSize?: 'A4' | 'A5') {
      const d = dossiers.get(actor, dossierId);
      if (d.status === 'draft') throw new AppError('INVALID_STATE', { status: 'Đang nhập' });
      assertReprintable(d.id);
      const s = settings.get();
      // after the applicant data's retention period the receipt is printed without it (the skeleton stays)
      const purged = (db.$client.prepare('SELECT personal_data_purged_at AS at FROM dossiers WHERE id = ?').get(d.id) as { at: number | null }).at !== null;
      const gone = purged ? 'Đã xoá theo thời hạn lưu trữ' : '';
      const a: ApplicantDraft = purged ? { fullName: gone } : d.applicant;
      const data: ReceiptData = {
        office: s.office,
        agentName: d.createdBy.fullName,
        localCode: d.localCode,
        createdAt: d.createdAt,
        applicant: {
          fullName: a.fullName ?? '',
          idNumber: a.idNumber ?? '',
          dateOfBirth: a.dateOfBirth ?? '',
          phone: a.phone ?? '',
          address: a.address ?? '',
        },
        procedure: { code: d.procedureCode, name: d.procedureName },
        caseName: d.cases.find((c) => c.key === d.caseKey)?.name ?? null,
        subject: d.subject && d.subject.name.trim() !== '' ? d.subject : null,
        portalCode: d.portalCode,
        mode: d.mode,
        components: receivedDocuments(d),
        fee: {
          statutoryVnd: d.fee.statutoryVnd,
          detail: d.fee.detail,
          variantLabel: d.fee.variantLabel,
          overrideVnd: d.fee.overrideVnd,
          overrideReason: d.fee.overrideReason,
          serviceChargeVnd: d.fee.serviceChargeVnd,
          totalVnd: d.fee.totalVnd,
        },
        delivery: { method: d.delivery.method, address: d.delivery.address },
        dueDate: d.dueDate,
        overrideReason: d.readyOverrideReason,
        consent: deps.consentOf?.(d.id) ?? null,
      };
      const bytes = await renderReceiptPdf(data, await loadFonts(), { pageSize: pageSize ?? s.receiptPageSize });
      return { fileName: `phieu-tiep-nhan-${d.localCode}.pdf`, mime: 'application/pdf', bytes };
    },

    async componentPdf(actor: Actor, dossierId: string, componentId: number) {
      const d = dossiers.get(actor, dossierId);
      const comp = d.components.find((c) => c.id === componentId);
      if (!comp) throw new AppError('NOT_FOUND');
      if (comp.pages.length === 0) throw new AppError('MISSING_COMPONENTS', { names: [comp.name] });
      const rows = db.select().from(pages).where(eq(pages.componentId, componentId)).all();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const inputs = [];
      for (const p of comp.pages) {
        const row = byId.get(p.id);
        if (!row) continue;
        const words = row.ocrWords ? (JSON.parse(row.ocrWords) as { text: string; bbox: { x0: number; y0: number; x1: number; y1: number } }[]) : undefined;
        // pages over 300 DPI (or heavy PNGs) go in as ~250 DPI JPEGs; a JPEG at or under 300 DPI stays byte for byte
        inputs.push(await compactPageForPdf({
          bytes: await blobs.read(row.blobSha256),
          mime: row.mime === 'image/png' ? ('image/png' as const) : ('image/jpeg' as const),
          width: row.width,
          height: row.height,
          rotation: p.rotation,
          words,
        }));
      }
      const fonts = await loadFonts();
      const bytes = await assembleComponentPdf(inputs, { title: `${d.localCode} - ${comp.name}`, font: fonts.regular });
      return { fileName: `${d.localCode}-${safeFilePart(comp.name)}.pdf`, mime: 'application/pdf', bytes };
    },
  };
}
