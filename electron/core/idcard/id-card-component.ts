// Picks the slot of a dossier that holds the applicant's ID card: the checklist's slot whose pages are of kind id_card.
import type { FilingMode } from '../../common/contract';
import { foldVietnamese } from '../../common/text';
import { inChecklist, requirementOfRow } from '../dossiers/dossier-rows';

/** a dossier_components row, as far as choosing the ID-card slot needs it */
type SlotLike = {
  id: number;
  pageKind: 'id_card' | 'document' | 'form';
  caseKey: string | null;
  requirement: 'required' | 'conditional' | 'optional';
  onlyModes: string | null;
  requirementByMode: string | null;
  ord: number;
};

const rank = { required: 0, conditional: 1, optional: 2, not_applicable: 3 } as const;

/**
 * The ID-card slot is a fact of the catalog (pageKind 'id_card'), never a guess on its name. Among several (the
 * applicant's card to show at the counter, a copy to submit online), the one the dossier's mode asks most for, then the
 * first in the checklist; slots of another case than the dossier's are never chosen.
 */
export function pickIdCardComponent<C extends SlotLike>(
  components: readonly C[],
  mode: FilingMode,
  caseKey: string | null,
): C | null {
  const candidates = components
    .filter((c) => c.pageKind === 'id_card' && inChecklist(c, caseKey))
    .map((c) => ({ c, score: rank[requirementOfRow(c, mode)] * 10_000 + c.ord }));
  candidates.sort((a, b) => a.score - b.score);
  return candidates[0]?.c ?? null;
}

// Catalog document names are long sentences; many only mention "số định danh" in passing ("Người tiếp nhận ...
// khai thác thông tin ... số định danh cá nhân"). An ID document names itself near its start.
const idDocument =
  /(the can cuoc|can cuoc cong dan|can cuoc|cccd|chung minh nhan dan|cmnd|giay to tuy than|dinh danh ca nhan)/;
const notADocument =
  /^(truong hop|nguoi |phieu|luu y|to khai|mau |hoa don|doi voi|ca nhan co quyen|co quan|viec |van ban|don |danh sach|thong tin|ten,|so yeu ly lich|(?:\d+ )?anh )/;
// "ảnh màu 3x4 ... kiểu thẻ căn cước", "dán ảnh kiểu chứng minh nhân dân": the style of a photo, not the card
const photoStyle = /kieu (?:the can cuoc|can cuoc|chung minh)/;
/** characters from the start of the name within which the ID document must be named */
const NEAR_START = 80;

/**
 * For the catalog importer, which sets pageKind once per parsed national record: does a document's name say it is the
 * citizen's ID document (CCCD, CMND, căn cước, giấy tờ tuỳ thân)? Curated profiles set pageKind themselves.
 */
export function namesIdCardDocument(name: string): boolean {
  const folded = foldVietnamese(name);
  if (notADocument.test(folded) || photoStyle.test(folded)) return false;
  const at = folded.search(idDocument);
  return at >= 0 && at <= NEAR_START;
}
