// Picks the component of a dossier that holds the applicant's ID card (căn cước / CCCD / giấy tờ tuỳ thân), if any.
import { decodeOnlyModes, requiredInMode } from '../../common/component-modes';
import type { FilingMode } from '../../common/contract';
import { foldVietnamese } from '../../common/text';

/** a dossier_components row: `onlyModes` is the column's comma-separated modes (NULL = every mode) */
type ComponentLike = { id: number; name: string; required: boolean; onlyModes?: string | null };

// Catalog component names are long sentences; many only mention "số định danh" in passing ("Người tiếp nhận ...
// khai thác thông tin ... số định danh cá nhân"). An ID-card slot names the document near its start.
const idDocument = /(the can cuoc|can cuoc cong dan|can cuoc|cccd|chung minh nhan dan|cmnd|giay to tuy than|dinh danh ca nhan)/;
const notADocument = /^(truong hop|nguoi |phieu|luu y|to khai|mau |hoa don|doi voi|ca nhan co quyen|co quan|viec |van ban|don )/;
/** characters from the start of the name within which the ID document must be named */
const NEAR_START = 80;

/** rank of a slot by how much the dossier's filing mode needs it: required, then optional, then meant for other modes */
function modeRank(c: ComponentLike, mode: FilingMode | undefined): number {
  const onlyModes = decodeOnlyModes(c.onlyModes ?? null);
  if (mode === undefined) return c.required ? 0 : 1;
  if (onlyModes !== null && !onlyModes.includes(mode)) return 2;
  return requiredInMode(c.required, onlyModes, mode) ? 0 : 1;
}

/**
 * The best ID-card component: named near its start, not a rule or a form; those the dossier's filing mode requires
 * first, then optional ones, then those meant for another mode ("... khi làm thủ tục trực tiếp" in an online
 * dossier); then the earliest mention. Without a mode the record's own flag decides.
 */
export function pickIdCardComponent<C extends ComponentLike>(components: readonly C[], mode?: FilingMode): C | null {
  let best: { c: C; score: number } | null = null;
  for (const c of components) {
    const folded = foldVietnamese(c.name);
    if (notADocument.test(folded)) continue;
    const at = folded.search(idDocument);
    if (at < 0 || at > NEAR_START) continue;
    const score = modeRank(c, mode) * 1000 + at;
    if (best === null || score < best.score) best = { c, score };
  }
  return best?.c ?? null;
}
