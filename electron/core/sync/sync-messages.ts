// Portal messages in counter language: a file becomes "Trang 3 của 'Giấy chứng sinh'", never an internal file name.
import type { Db } from '../../../db/client';
import type { DossierSubmission, PortalFieldError } from './portal-protocol';

/** where a submitted file sits in the dossier, as the agent knows it */
export type FilePlace = { document: string; page: number };

export type FilePlaces = {
  bySha: Map<string, FilePlace>;
  byFileName: Map<string, FilePlace>;
  /** "components[0].files[2]": the paths the portal's field errors use */
  byPath: Map<string, FilePlace>;
};

type ComponentRow = { doc_key: string; name: string; label: string | null };

/**
 * The places of every file of a frozen submission body: the document's short label when the dossier's checklist has
 * one (matched by catalog key, then by name), its full name otherwise; the page number within that document.
 */
export function filePlaces(db: Db, dossierId: string, body: DossierSubmission): FilePlaces {
  const rows = db.$client
    .prepare('SELECT doc_key, name, label FROM dossier_components WHERE dossier_id = ? ORDER BY ord')
    .all(dossierId) as ComponentRow[];
  const places: FilePlaces = { bySha: new Map(), byFileName: new Map(), byPath: new Map() };
  body.components.forEach((c, i) => {
    const row =
      (c.docKey ? rows.find((r) => r.doc_key === c.docKey) : undefined) ?? rows.find((r) => r.name === c.name);
    const document = row?.label?.trim() || c.name;
    c.files.forEach((f, j) => {
      const place = { document, page: j + 1 };
      if (!places.bySha.has(f.sha256)) places.bySha.set(f.sha256, place);
      places.byFileName.set(f.fileName, place);
      places.byPath.set(`components[${i}].files[${j}]`, place);
    });
  });
  return places;
}

export function placeText(p: FilePlace): string {
  return `Trang ${p.page} của '${p.document}'`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces internal file names (quoted or not) in a message with the page they stand for. */
export function withoutFileNames(message: string, places: FilePlaces): string {
  let out = message;
  for (const [name, place] of places.byFileName) {
    if (!out.includes(name)) continue;
    const page = `trang ${place.page} của '${place.document}'`;
    out = out.replace(new RegExp(`(?:Tệp|tệp)\\s+["“']?${escapeRegExp(name)}["”']?`, 'g'), page);
    out = out.replace(new RegExp(`["“']?${escapeRegExp(name)}["”']?`, 'g'), page);
  }
  // a sentence that now starts with the page starts with a capital
  return out.replace(/(^|[.!?]\s+)trang /g, (_m, lead: string) => `${lead}Trang `);
}

/** One portal field error, in counter language. */
export function counterError(e: PortalFieldError, places: FilePlaces): PortalFieldError {
  const place = places.byPath.get(e.path);
  if (place && e.code === 'file_missing') {
    return { ...e, message: `${placeText(place)} chưa gửi xong; sẽ tự gửi lại.` };
  }
  if (place && e.code === 'sha256_mismatch') {
    return { ...e, message: `${placeText(place)} bị hỏng khi gửi; sẽ tự gửi lại.` };
  }
  return { ...e, message: withoutFileNames(e.message, places) };
}

export function fixMessage(errors: readonly PortalFieldError[]): string {
  const parts = [...new Set(errors.map((e) => e.message.trim()).filter((m) => m !== ''))];
  return parts.length > 0
    ? `Cổng từ chối hồ sơ: ${parts.join(' ')}`
    : 'Cổng từ chối hồ sơ nhưng không nói lý do.';
}

/** The files the portal said it does not have, as one line for the timeline ("Trang 3 của '…', trang 4 của '…'"). */
export function missingFilesText(errors: readonly PortalFieldError[], places: FilePlaces): string {
  const pages = errors
    .map((e) => places.byPath.get(e.path))
    .filter((p): p is FilePlace => p !== undefined)
    .map((p) => `trang ${p.page} của '${p.document}'`);
  const list = [...new Set(pages)];
  if (list.length === 0) return 'Cổng chưa có đủ các trang của hồ sơ; sẽ tự gửi lại.';
  const shown = list.slice(0, 4).join(', ') + (list.length > 4 ? ` và ${list.length - 4} trang khác` : '');
  return `${shown.charAt(0).toUpperCase()}${shown.slice(1)} chưa gửi xong; sẽ tự gửi lại.`;
}
