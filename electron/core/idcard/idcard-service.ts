// `idcard.read`: reads a CCCD picture for a dossier and maps it onto the applicant form, optionally keeping it as a page.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { dossierComponents, pages } from '../../../db/schema';
import type { AutoFillField } from '../../common/applicant';
import type { IdCardReadingOutput } from '../../common/digitize-contract';
import { AppError } from '../../common/errors';
import type { Actor } from '../auth/actor';
import type { DossierService } from '../dossiers/dossier-service';
import { uploadLimits } from '../files/page-image';
import type { PageService } from '../pages/page-service';
import type { Clock } from '../ports';
import { recordIdCardReading } from '../reuse/reuse-gate';
import { sha256Hex } from '../storage/blob-store';
import { pickIdCardComponent } from './id-card-component';
import { readIdCard, type IdCardConflict, type IdCardReading, type ReadIdCardDeps } from './read-id-card';

export type IdCardService = ReturnType<typeof createIdCardService>;

const mapped: readonly AutoFillField[] = ['fullName', 'idNumber', 'dateOfBirth', 'sex', 'address'];

const dmy = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);
const shown = (field: IdCardConflict['field'], value: string) =>
  field === 'dateOfBirth' ? dmy(value) : field === 'sex' ? (value === 'male' ? 'Nam' : value === 'female' ? 'Nữ' : value) : value;

/** "NGUYỄN VĂN AN" -> "Nguyễn Văn An": the MRZ and the printed card give names in capitals. */
export function titleCaseName(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .split(' ')
    .map((w) => (w === '' ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** The reading under the applicant's field names, with one Vietnamese warning per field the agent must check. */
export function toApplicantReading(reading: IdCardReading): Omit<IdCardReadingOutput, 'attachedTo'> {
  const fields: IdCardReadingOutput['fields'] = {};
  const perField: IdCardReadingOutput['perField'] = {};
  for (const field of mapped) {
    const value = reading.fields[field];
    const source = reading.perField[field];
    if (value === undefined || value === null || source === undefined) continue;
    fields[field] = field === 'fullName' && source !== 'qr' ? titleCaseName(value) : value;
    perField[field] = source;
  }
  const fieldWarnings: IdCardReadingOutput['fieldWarnings'] = {};
  for (const c of reading.conflicts) {
    fieldWarnings[c.field] =
      `Mã QR ghi "${shown(c.field, c.qr)}", dòng MRZ ghi "${shown(c.field, c.mrz)}". Hãy đối chiếu với thẻ.`;
  }
  if (perField.fullName === 'mrz') {
    fieldWarnings.fullName ??= 'Họ tên đọc từ dòng MRZ không có dấu. Hãy sửa lại đúng dấu theo thẻ.';
  }
  if (perField.fullName === 'ocr' || perField.address === 'ocr') {
    for (const f of mapped) {
      if (perField[f] === 'ocr') fieldWarnings[f] ??= 'Đọc bằng nhận dạng chữ (OCR): có thể sai dấu hoặc sai số. Hãy đối chiếu với thẻ.';
    }
  }
  return {
    source: reading.source,
    fields,
    perField,
    extra: {
      oldIdNumber: reading.fields.oldIdNumber ?? null,
      issueDate: reading.fields.issueDate ?? null,
      expiryDate: reading.fields.expiryDate ?? null,
    },
    conflicts: reading.conflicts.map((c) => ({ field: c.field, qr: c.qr, mrz: c.mrz })),
    fieldWarnings,
    problems: reading.problems,
    notes: reading.notes,
    qrVersion: reading.qrVersion,
  };
}

/** The card names another person than the one this dossier's applicant was entered as. */
export function otherPersonWarning(onCard: string, entered: string): string {
  return `Thẻ này mang số định danh ${onCard}, khác số đã nhập cho người nộp (${entered}). Hãy kiểm tra có đúng thẻ của người nộp không; nếu đúng thẻ, giữ số trên thẻ.`;
}

export function createIdCardService(deps: {
  db: Db;
  dossiers: DossierService;
  pages: PageService;
  clock: Clock;
  /** OCR of a PNG to text (the app's OCR engine), for the MRZ and printed-field fallbacks; absent = QR only */
  recognize?: (image: Uint8Array) => Promise<string>;
  readDeps?: Omit<ReadIdCardDeps, 'ocr'>;
}) {
  const { db, dossiers } = deps;

  /** Keeps the card picture in the dossier's ID-card component unless the same picture is already there. */
  async function attach(actor: Actor, dossierId: string, fileName: string, bytes: Uint8Array): Promise<IdCardReadingOutput['attachedTo']> {
    const components = db.select().from(dossierComponents).where(eq(dossierComponents.dossierId, dossierId)).all();
    const dossier = dossiers.loadEditable(actor, dossierId);
    const target = pickIdCardComponent(components, dossier.mode, dossier.caseKey);
    if (!target) return null;
    const sha = sha256Hex(bytes);
    const same = db
      .select({ id: pages.id })
      .from(pages)
      .where(and(eq(pages.componentId, target.id), eq(pages.blobSha256, sha)))
      .all();
    const pageIds =
      same.length > 0
        ? same.map((p) => p.id)
        : (await deps.pages.add(actor, { dossierId, componentId: target.id, fileName, bytes }, { kind: 'id_card' })).map((p) => p.id);
    // the reader knows it read a card: the picture is an ID card image whatever slot holds it (retention uses the kind)
    db.update(pages).set({ kind: 'id_card' }).where(inArray(pages.id, pageIds)).run();
    return { componentId: target.id, componentName: target.name, pageIds };
  }

  return {
    async read(
      actor: Actor,
      input: { dossierId: string; fileName: string; bytes: Uint8Array; attach: boolean },
    ): Promise<IdCardReadingOutput> {
      const before = dossiers.loadEditable(actor, input.dossierId);
      if (input.bytes.length === 0) throw new AppError('FILE_EMPTY', { name: input.fileName });
      if (input.bytes.length > uploadLimits.maxFileBytes) throw new AppError('FILE_TOO_LARGE', { name: input.fileName });
      const reading = await readIdCard(input.bytes, {
        ...deps.readDeps,
        ...(deps.recognize ? { ocr: deps.recognize } : {}),
      });
      const out = toApplicantReading(reading);
      // a card of someone else (the mother's card read into the applicant, a card left on the scanner from the last
      // citizen): the number typed or read before for this applicant differs from the card's (issue 13)
      const typed = before.applicantIdNumber;
      const read = out.fields.idNumber;
      if (typed !== '' && read !== undefined && read !== typed) {
        out.fieldWarnings.idNumber = otherPersonWarning(read, typed);
        out.problems.push(otherPersonWarning(read, typed));
      }
      // the reading is a fact of this dossier (who read which number from where): it is what opens re-use
      const idSource = out.perField.idNumber;
      if (idSource !== undefined) {
        const idNumber = out.fields.idNumber ?? null;
        recordIdCardReading(db, { at: deps.clock.now(), actorId: actor.userId, dossierId: input.dossierId, idNumber, source: idSource });
      }
      const attachedTo =
        input.attach && out.source !== 'none' ? await attach(actor, input.dossierId, input.fileName, input.bytes) : null;
      return { ...out, attachedTo };
    },
  };
}
