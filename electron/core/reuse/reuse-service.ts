// Re-use of documents already digitized for the same citizen (same ID number): list them, link them into a new dossier.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { dossierComponents, pages } from '../../../db/schema';
import { normalizeIdNumber, validateIdNumber } from '../../common/applicant';
import type { Page } from '../../common/contract';
import type { ReusableDocuments } from '../../common/digitize-contract';
import { AppError } from '../../common/errors';
import { appendAudit } from '../audit/audit-log';
import { requireRole, type Actor } from '../auth/actor';
import { toPage, type DossierService } from '../dossiers/dossier-service';
import type { PageEvents } from '../pages/page-service';
import type { Clock, Ids } from '../ports';
import { recordReuseApproval, reuseAllowed } from './reuse-gate';

type EarlierPageRow = {
  id: string;
  dossier_id: string;
  component_id: number;
  blob_sha256: string;
  source_name: string;
  width: number;
  height: number;
  local_code: string;
  procedure_name: string;
  component_name: string;
  first_at: number;
};

export type ReuseService = ReturnType<typeof createReuseService>;

/**
 * Matching is on the 12-digit ID number of the dossier being filled, across all agents of this office, once the
 * citizen has shown they are at the counter (their card read into this dossier) or a supervisor approved: typing a
 * number is not enough (reuseAllowed). Nothing is copied: the new page rows point at the same content-addressed blob,
 * and each keeps `reused_from_page_id`.
 */
export function createReuseService(deps: {
  db: Db;
  clock: Clock;
  ids: Ids;
  dossiers: DossierService;
  events: PageEvents;
  /** the thumbnail of any page, access already checked here */
  thumbnailOf(pageId: string): Promise<{ mime: string; bytes: Uint8Array }>;
}) {
  const { db, clock, ids, dossiers, events } = deps;

  function idNumberOf(actor: Actor, dossierId: string): string {
    const row = dossiers.loadEditable(actor, dossierId);
    const id = normalizeIdNumber(row.applicantIdNumber);
    return validateIdNumber(id).ok ? id : '';
  }

  function requireAllowed(dossierId: string, idNumber: string): void {
    if (!reuseAllowed(db, { dossierId, idNumber }).allowed) throw new AppError('REUSE_NOT_ALLOWED');
  }

  /** Pages of the citizen's other dossiers, newest dossier first, with the date each scan was first stored. */
  function earlierPages(idNumber: string, dossierId: string): EarlierPageRow[] {
    return db.$client
      .prepare(
        `SELECT p.id, p.dossier_id, p.component_id, p.blob_sha256, p.source_name, p.width, p.height,
                d.local_code, d.procedure_name, c.name AS component_name,
                (SELECT min(p2.created_at) FROM pages p2 JOIN dossiers d2 ON d2.id = p2.dossier_id
                  WHERE p2.blob_sha256 = p.blob_sha256 AND d2.applicant_id_number = d.applicant_id_number) AS first_at
           FROM dossiers d
           JOIN pages p ON p.dossier_id = d.id
           JOIN dossier_components c ON c.id = p.component_id
          WHERE d.applicant_id_number = ? AND d.id <> ? AND p.purged_at IS NULL
            -- only documents their owner agreed to keep for re-use, consent not withdrawn (issue 11)
            AND EXISTS (SELECT 1 FROM consents k WHERE k.dossier_id = d.id AND k.purpose = 'reuse' AND k.withdrawn_at IS NULL)
          ORDER BY d.created_at DESC, c.ord, p.ord`,
      )
      .all(idNumber, dossierId) as EarlierPageRow[];
  }

  return {
    reusable(actor: Actor, dossierId: string): ReusableDocuments {
      const idNumber = idNumberOf(actor, dossierId);
      if (idNumber === '') return { idNumber: '', groups: [], allowedBy: null, blockedReason: null };
      const access = reuseAllowed(db, { dossierId, idNumber });
      if (!access.allowed) return { idNumber, groups: [], allowedBy: null, blockedReason: access.reason };
      const here = new Set(
        db.select({ sha: pages.blobSha256 }).from(pages).where(eq(pages.dossierId, dossierId)).all().map((r) => r.sha),
      );
      const groups = new Map<string, ReusableDocuments['groups'][number] & { shas: string[] }>();
      for (const r of earlierPages(idNumber, dossierId)) {
        const key = `${r.dossier_id}:${String(r.component_id)}`;
        let g = groups.get(key);
        if (!g) {
          g = {
            dossierId: r.dossier_id,
            localCode: r.local_code,
            procedureName: r.procedure_name,
            componentId: r.component_id,
            componentName: r.component_name,
            digitizedAt: r.first_at,
            pages: [],
            shas: [],
          };
          groups.set(key, g);
        }
        g.digitizedAt = Math.min(g.digitizedAt, r.first_at);
        g.shas.push(r.blob_sha256);
        g.pages.push({ pageId: r.id, sourceName: r.source_name, width: r.width, height: r.height, alreadyHere: here.has(r.blob_sha256) });
      }
      // a dossier that itself re-used these scans shows the same document again: list it once (the newest)
      const seen = new Set<string>();
      const out: ReusableDocuments['groups'] = [];
      for (const { shas, ...g } of groups.values()) {
        const signature = [...shas].sort().join(',');
        if (seen.has(signature)) continue;
        seen.add(signature);
        out.push(g);
      }
      return { idNumber, groups: out, allowedBy: access.by, blockedReason: null };
    },

    /**
     * A thumbnail of one of the citizen's earlier pages, so the agent sees what they re-use, even when another agent
     * scanned it: allowed exactly for the pages `reusable` lists for this dossier.
     */
    async thumbnail(actor: Actor, dossierId: string, pageId: string): Promise<{ mime: string; bytes: Uint8Array }> {
      const idNumber = idNumberOf(actor, dossierId);
      if (idNumber === '') throw new AppError('NOT_FOUND');
      requireAllowed(dossierId, idNumber);
      if (!earlierPages(idNumber, dossierId).some((r) => r.id === pageId)) throw new AppError('NOT_FOUND');
      return deps.thumbnailOf(pageId);
    },

    /** A supervisor lets this dossier re-use the papers of the ID number it has now (the citizen forgot the card). */
    approve(actor: Actor, input: { dossierId: string; reason: string }): { approved: boolean } {
      requireRole(actor, ['supervisor', 'admin']);
      const idNumber = idNumberOf(actor, input.dossierId);
      if (idNumber === '') {
        throw new AppError('VALIDATION', { fields: { idNumber: 'Hồ sơ chưa có số định danh hợp lệ của người nộp để duyệt dùng lại.' } });
      }
      recordReuseApproval(db, { at: clock.now(), actorId: actor.userId, dossierId: input.dossierId, idNumber, reason: input.reason });
      return { approved: true };
    },

    reuse(actor: Actor, input: { dossierId: string; componentId: number; pageIds: string[] }): Page[] {
      const idNumber = idNumberOf(actor, input.dossierId);
      const comp = db
        .select()
        .from(dossierComponents)
        .where(and(eq(dossierComponents.id, input.componentId), eq(dossierComponents.dossierId, input.dossierId)))
        .get();
      if (!comp) throw new AppError('NOT_FOUND');
      if (idNumber === '') {
        throw new AppError('VALIDATION', { fields: { idNumber: 'Hãy nhập số định danh của người nộp trước khi dùng lại giấy tờ đã số hoá.' } });
      }
      requireAllowed(input.dossierId, idNumber);
      const allowed = new Map(earlierPages(idNumber, input.dossierId).map((r) => [r.id, r]));
      const wanted = [...new Set(input.pageIds)];
      // only the same citizen's own earlier pages; anything else is as if it did not exist
      if (wanted.some((id) => !allowed.has(id))) throw new AppError('NOT_FOUND');
      const now = clock.now();
      const created = db.transaction(() => {
        dossiers.loadEditable(actor, input.dossierId);
        const inSlot = new Set(
          db.select({ sha: pages.blobSha256 }).from(pages).where(eq(pages.componentId, comp.id)).all().map((r) => r.sha),
        );
        const maxOrd = db
          .select({ m: sql<number>`coalesce(max(${pages.ord}), -1)` })
          .from(pages)
          .where(eq(pages.componentId, comp.id))
          .get();
        let ord = (maxOrd?.m ?? -1) + 1;
        const createdIds: string[] = [];
        const from: string[] = [];
        for (const sourceId of wanted) {
          const src = db.select().from(pages).where(eq(pages.id, sourceId)).get();
          if (!src || inSlot.has(src.blobSha256)) continue; // the same scan twice in one slot helps nobody
          inSlot.add(src.blobSha256);
          const id = ids.uuid();
          // a page whose OCR text the retention purge removed is recognised again
          const recognised = src.ocrStatus === 'done' && src.ocrText !== null;
          db.insert(pages)
            .values({
              id,
              dossierId: input.dossierId,
              componentId: comp.id,
              ord: ord++,
              rotation: src.rotation,
              blobSha256: src.blobSha256,
              mime: src.mime,
              size: src.size,
              width: src.width,
              height: src.height,
              sourceName: src.sourceName,
              // the text of the same image at the same rotation is the same: no second OCR
              ocrStatus: recognised ? 'done' : 'pending',
              ocrText: recognised ? src.ocrText : null,
              ocrConfidence: recognised ? src.ocrConfidence : null,
              ocrWords: recognised ? src.ocrWords : null,
              quality: src.quality, // the same image: the same quality findings
              kind: src.kind, // the same image is the same kind of paper
              createdAt: now,
              reusedFromPageId: src.id,
            })
            .run();
          if (!recognised) events.ocrEnqueue(id);
          createdIds.push(id);
          from.push(src.id);
        }
        if (createdIds.length > 0) {
          dossiers.touch(input.dossierId);
          appendAudit(db, {
            at: now,
            actorId: actor.userId,
            action: 'page.reuse',
            entity: 'dossier',
            entityId: input.dossierId,
            details: {
              component: comp.id,
              pages: createdIds,
              from,
              fromDossiers: [...new Set(from.map((id) => allowed.get(id)?.dossier_id ?? ''))],
            },
          });
        }
        return createdIds;
      });
      if (created.length > 0) events.changed(input.dossierId);
      return created.map((id) => {
        const row = db.select().from(pages).where(eq(pages.id, id)).get();
        if (!row) throw new AppError('INTERNAL');
        return toPage(row);
      });
    },
  };
}
