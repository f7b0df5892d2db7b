// Pages of a dossier: import (validated, blob first, rows after), rotate, reorder, remove, images for display.
import { and, asc, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '../../../db/client';
import { blobs, dossierComponents, pages } from '../../../db/schema';
import type { Page } from '../../common/contract';
import { AppError } from '../../common/errors';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../auth/actor';
import { toPage, type DossierService } from '../dossiers/dossier-service';
import { staleVersion } from '../dossiers/lifecycle';
import { inspectUpload } from '../files/inspect-upload';
import { assessForStorage, parseStoredQuality, withAcceptance } from '../quality';
import type { Clock, Ids } from '../ports';
import type { BlobStore } from '../storage/blob-store';

export type PageEvents = {
  /** force: re-run a page already recognised (after rotation, or a retry) */
  ocrEnqueue(pageId: string, force?: boolean): void;
  /** called after commit */
  changed(dossierId: string): void;
};

const THUMB_SIDE = 360;

export type AddPagesOptions = {
  /** runs inside the transaction that creates the pages (e.g. the scan-folder journal), so both commit or neither */
  inTransaction?(pageIds: string[]): void;
  /** what the pages are, when the caller knows (the ID card reader: 'id_card'); default: the slot's page kind */
  kind?: 'id_card' | 'document' | 'form';
};

export type PageService = ReturnType<typeof createPageService>;

export function createPageService(deps: {
  db: Db;
  clock: Clock;
  ids: Ids;
  blobs: BlobStore;
  dossiers: DossierService;
  events: PageEvents;
  /** opens an upload into page images: the inspect thread in the app (files/inspect-thread), in-process by default */
  inspect?: typeof inspectUpload;
}) {
  const { db, clock, ids, blobs: store, dossiers, events } = deps;
  const inspect = deps.inspect ?? inspectUpload;
  const thumbCache = new Map<string, Uint8Array>();

  function loadPage(actor: Actor, pageId: string) {
    const page = db.select().from(pages).where(eq(pages.id, pageId)).get();
    if (!page) throw new AppError('NOT_FOUND');
    dossiers.loadRow(actor, page.dossierId); // visibility check
    return page;
  }

  function loadEditablePage(actor: Actor, pageId: string) {
    const page = loadPage(actor, pageId);
    dossiers.loadEditable(actor, page.dossierId);
    return page;
  }

  return {
    async add(
      actor: Actor,
      input: { dossierId: string; componentId: number; fileName: string; bytes: Uint8Array },
      options: AddPagesOptions = {},
    ): Promise<Page[]> {
      dossiers.loadEditable(actor, input.dossierId);
      const comp = db
        .select()
        .from(dossierComponents)
        .where(and(eq(dossierComponents.id, input.componentId), eq(dossierComponents.dossierId, input.dossierId)))
        .get();
      if (!comp) throw new AppError('NOT_FOUND');
      // validation and decoding happen before anything is written: a bad file changes nothing
      const images = await inspect({ name: input.fileName, bytes: input.bytes });
      const shas: string[] = [];
      for (const img of images) shas.push(await store.put(img.bytes)); // durable before any row refers to it
      // quality gate: measured once at import, stored per page, shown as warnings; it never blocks the page
      const quality: string[] = [];
      for (const img of images) quality.push(await assessForStorage(img.bytes, { rotation: img.rotation }));
      const now = clock.now();
      const created = db.transaction(() => {
        dossiers.loadEditable(actor, input.dossierId); // state may have changed while decoding
        const maxOrd = db
          .select({ m: sql<number>`coalesce(max(${pages.ord}), -1)` })
          .from(pages)
          .where(eq(pages.componentId, comp.id))
          .get();
        let ord = (maxOrd?.m ?? -1) + 1;
        const rows = images.map((img, i) => {
          const sha = shas[i] ?? '';
          db.insert(blobs).values({ sha256: sha, size: img.bytes.length, mime: img.mime, createdAt: now }).onConflictDoNothing().run();
          const row: typeof pages.$inferInsert = {
            id: ids.uuid(),
            dossierId: input.dossierId,
            componentId: comp.id,
            ord: ord++,
            rotation: img.rotation,
            blobSha256: sha,
            mime: img.mime,
            size: img.bytes.length,
            width: img.width,
            height: img.height,
            sourceName: images.length > 1 ? `${img.sourceName} (trang ${img.pageNo})` : img.sourceName,
            ocrStatus: 'pending',
            quality: quality[i] ?? null,
            // a fact of the catalog's slot or of the reader, never guessed from names (retention keeps ID cards shortest)
            kind: options.kind ?? comp.pageKind,
            createdAt: now,
          };
          db.insert(pages).values(row).run();
          events.ocrEnqueue(row.id ?? '');
          return row;
        });
        dossiers.touch(input.dossierId);
        appendAudit(db, {
          at: now,
          actorId: actor.userId,
          action: 'page.add',
          entity: 'dossier',
          entityId: input.dossierId,
          details: { component: comp.id, pages: rows.length },
        });
        const pageIds = rows.map((r) => r.id ?? '');
        options.inTransaction?.(pageIds);
        return pageIds;
      });
      events.changed(input.dossierId);
      return created.map((id) => {
        const row = db.select().from(pages).where(eq(pages.id, id)).get();
        if (!row) throw new AppError('INTERNAL');
        return toPage(row);
      });
    },

    rotate(actor: Actor, pageId: string, clockwise: boolean): Page {
      const page = loadEditablePage(actor, pageId);
      const rotation = (page.rotation + (clockwise ? 90 : 270)) % 360;
      db.transaction(() => {
        db.update(pages).set({ rotation, ocrStatus: 'pending', ocrText: null, ocrConfidence: null, ocrWords: null }).where(eq(pages.id, pageId)).run();
        events.ocrEnqueue(pageId, true);
        dossiers.touch(page.dossierId);
        appendAudit(db, { at: clock.now(), actorId: actor.userId, action: 'page.rotate', entity: 'dossier', entityId: page.dossierId, details: { page: pageId, rotation } });
      });
      events.changed(page.dossierId);
      const row = db.select().from(pages).where(eq(pages.id, pageId)).get();
      if (!row) throw new AppError('NOT_FOUND');
      return toPage(row);
    },

    /** The agent keeps a page the quality gate warned about; a page without warnings is refused (nothing to accept). */
    acceptQuality(actor: Actor, pageId: string): Page {
      const page = loadEditablePage(actor, pageId);
      const now = clock.now();
      const quality = withAcceptance(page.quality, { by: actor.userId, byName: actor.fullName, at: now });
      if (quality === null) throw new AppError('NO_QUALITY_WARNINGS');
      if (quality !== page.quality) {
        db.transaction(() => {
          db.update(pages).set({ quality }).where(eq(pages.id, pageId)).run();
          const codes = parseStoredQuality(quality).map((f) => f.code);
          appendAudit(db, { at: now, actorId: actor.userId, action: 'page.accept_quality', entity: 'dossier', entityId: page.dossierId, details: { page: pageId, warnings: codes } });
        });
        events.changed(page.dossierId);
      }
      const row = db.select().from(pages).where(eq(pages.id, pageId)).get();
      if (!row) throw new AppError('NOT_FOUND');
      return toPage(row);
    },

    remove(actor: Actor, pageId: string): boolean {
      const page = loadEditablePage(actor, pageId);
      db.transaction(() => {
        db.delete(pages).where(eq(pages.id, pageId)).run();
        db.$client.prepare("DELETE FROM jobs WHERE kind = 'ocr' AND ref_id = ?").run(pageId);
        renumber(page.componentId);
        dossiers.touch(page.dossierId);
        appendAudit(db, { at: clock.now(), actorId: actor.userId, action: 'page.remove', entity: 'dossier', entityId: page.dossierId, details: { page: pageId } });
      });
      events.changed(page.dossierId);
      return true;
    },

    move(actor: Actor, pageId: string, toIndex: number): boolean {
      const page = loadEditablePage(actor, pageId);
      db.transaction(() => {
        const siblings = db.select().from(pages).where(eq(pages.componentId, page.componentId)).orderBy(asc(pages.ord)).all();
        const others = siblings.filter((p) => p.id !== pageId);
        const at = Math.min(Math.max(0, toIndex), others.length);
        const order = [...others.slice(0, at), page, ...others.slice(at)];
        order.forEach((p, i) => db.update(pages).set({ ord: i }).where(eq(pages.id, p.id)).run());
        dossiers.touch(page.dossierId);
        appendAudit(db, { at: clock.now(), actorId: actor.userId, action: 'page.move', entity: 'dossier', entityId: page.dossierId, details: { page: pageId, to: at } });
      });
      events.changed(page.dossierId);
      return true;
    },

    /**
     * A page filed in the wrong slot goes to another slot of its dossier, at toIndex (default: last). Its OCR text,
     * quality findings and acceptance stay (same image); a kind that only followed the old slot follows the new one.
     */
    moveToComponent(actor: Actor, input: { pageId: string; componentId: number; toIndex?: number; fromComponentId?: number }): boolean {
      const page = loadEditablePage(actor, input.pageId);
      db.transaction(() => {
        const current = db.select().from(pages).where(eq(pages.id, input.pageId)).get();
        if (!current) throw new AppError('NOT_FOUND');
        // the agent saw it in another slot: someone moved it meanwhile, nothing is done twice
        if (input.fromComponentId !== undefined && input.fromComponentId !== current.componentId) {
          throw staleVersion(dossiers.loadRow(actor, page.dossierId).updatedAt);
        }
        const slots = db.select().from(dossierComponents).where(eq(dossierComponents.dossierId, page.dossierId)).all();
        const from = slots.find((c) => c.id === current.componentId);
        const to = slots.find((c) => c.id === input.componentId);
        if (!to) throw new AppError('NOT_FOUND');
        if (to.id === current.componentId) return;
        const siblings = db.select().from(pages).where(eq(pages.componentId, to.id)).orderBy(asc(pages.ord)).all();
        const at = Math.min(Math.max(0, input.toIndex ?? siblings.length), siblings.length);
        const order = [...siblings.slice(0, at), current, ...siblings.slice(at)];
        const kind = from && current.kind === from.pageKind ? to.pageKind : current.kind;
        db.update(pages).set({ componentId: to.id, kind }).where(eq(pages.id, current.id)).run();
        order.forEach((p, i) => db.update(pages).set({ ord: i }).where(eq(pages.id, p.id)).run());
        renumber(current.componentId);
        dossiers.touch(page.dossierId);
        appendAudit(db, {
          at: clock.now(),
          actorId: actor.userId,
          action: 'page.move_slot',
          entity: 'dossier',
          entityId: page.dossierId,
          details: { page: current.id, from: current.componentId, to: to.id, index: at },
        });
      });
      events.changed(page.dossierId);
      return true;
    },

    async image(actor: Actor, pageId: string, variant: 'thumb' | 'full'): Promise<{ mime: string; bytes: Uint8Array }> {
      return render(loadPage(actor, pageId), variant);
    },

    /** The thumbnail of a page whose access the caller has already checked (re-use of a citizen's earlier scans). */
    async thumbnailOf(pageId: string): Promise<{ mime: string; bytes: Uint8Array }> {
      const page = db.select().from(pages).where(eq(pages.id, pageId)).get();
      if (!page) throw new AppError('NOT_FOUND');
      return render(page, 'thumb');
    },

    /** The agent says what a page is (an ID card scanned into "Giấy tờ khác", a form among documents). */
    setKind(actor: Actor, pageId: string, kind: 'id_card' | 'document' | 'form'): Page {
      const page = loadEditablePage(actor, pageId);
      if (page.kind !== kind) {
        db.transaction(() => {
          db.update(pages).set({ kind }).where(eq(pages.id, pageId)).run();
          appendAudit(db, { at: clock.now(), actorId: actor.userId, action: 'page.kind', entity: 'dossier', entityId: page.dossierId, details: { page: pageId, from: page.kind, to: kind } });
        });
        events.changed(page.dossierId);
      }
      const row = db.select().from(pages).where(eq(pages.id, pageId)).get();
      if (!row) throw new AppError('NOT_FOUND');
      return toPage(row);
    },

    retryOcr(actor: Actor, pageId: string): boolean {
      const page = loadPage(actor, pageId);
      db.transaction(() => {
        db.update(pages).set({ ocrStatus: 'pending' }).where(eq(pages.id, pageId)).run();
        events.ocrEnqueue(pageId, true);
      });
      events.changed(page.dossierId);
      return true;
    },
  };

  async function render(page: typeof pages.$inferSelect, variant: 'thumb' | 'full'): Promise<{ mime: string; bytes: Uint8Array }> {
    // keyed with the turn (OCR may turn a page upright behind this service's back) and the blob (the retention purge
    // swaps a page's image for a placeholder: a cached thumbnail of the old image must not outlive it)
    const key = `${page.id}:${page.blobSha256}:${String(page.rotation)}`;
    if (variant === 'thumb') {
      const cached = thumbCache.get(key);
      if (cached) return { mime: 'image/jpeg', bytes: cached };
    }
    const original = await store.read(page.blobSha256);
    if (variant === 'full' && page.rotation === 0) return { mime: page.mime, bytes: original };
    let img = sharp(original, { limitInputPixels: 100_000_000 }).rotate(page.rotation);
    if (variant === 'thumb') img = img.resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside' });
    const bytes = new Uint8Array(await img.jpeg({ quality: variant === 'thumb' ? 70 : 88 }).toBuffer());
    if (variant === 'thumb') {
      if (thumbCache.size > 500) thumbCache.clear();
      thumbCache.set(key, bytes);
    }
    return { mime: 'image/jpeg', bytes };
  }

  function renumber(componentId: number): void {
    const rest = db.select({ id: pages.id }).from(pages).where(eq(pages.componentId, componentId)).orderBy(asc(pages.ord)).all();
    rest.forEach((p, i) => db.update(pages).set({ ord: i }).where(eq(pages.id, p.id)).run());
  }
}
