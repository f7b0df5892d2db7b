// Picks the component of a dossier that holds the applicant's ID card (căn cước / CCCD / giấy tờ tuỳ thân), if any.
import { foldVietnamese } from '../../common/text';

type ComponentLike = { id: number; name: string; required: boolean };

// Catalog component names are long sentences; many only mention "số định danh" in passing ("Người tiếp nhận ...
// khai thác thông tin ... số định danh cá nhân"). An ID-card slot names the document near its start.
const idDocument = /(the can cuoc|can cuoc cong dan|can cuoc|cccd|chung minh nhan dan|cmnd|giay to tuy than|dinh danh ca nhan)/;
const notADocument = /^(truong hop|nguoi |phieu|luu y|to khai|mau |hoa don|doi voi|ca nhan co quyen|co quan|viec |van ban|don )/;
/** characters from the start of the name within which the ID document must be named */
const NEAR_START = 80;

/** The best ID-card component: named near its start, not a rule or a form; required ones first, then earliest mention. */
export function pickIdCardComponent<C extends ComponentLike>(components: readonly C[]): C | null {
  let best: { c: C; score: number } | null = null;
  for (const c of components) {
    const folded = foldVietnamese(c.name);
    if (notADocument.test(folded)) continue;
    const at = folded.search(idDocument);
    if (at < 0 || at > NEAR_START) continue;
    const score = (c.required ? 0 : 1000) + at;
    if (best === null || score < best.score) best = { c, score };
  }
  return best?.c ?? null;
}
