// The quality gate: what is wrong with a scanned page, as warnings the agent reads before accepting it (not blocking).
import { measurePage, type EdgeName, type QualityMetrics } from './quality-metrics';

export type QualityCode = 'blurry' | 'too_dark' | 'too_bright' | 'low_resolution' | 'cut_off' | 'nearly_blank';

/** What is stored per page (pages.quality, JSON): codes with their facts, the message is made when shown. */
export type QualityFinding = { code: QualityCode; edges?: EdgeName[]; dpi?: number };

export type QualityWarning = { code: QualityCode; message: string };

export type QualityAssessment = { findings: QualityFinding[]; warnings: QualityWarning[]; metrics: QualityMetrics };

export type QualityOptions = {
  /** 1-based position of the page in its component, for the message ("Trang 2 bị mờ") */
  pageNo?: number;
  /** clockwise turn the page is shown with (pages.rotation): a cut edge is named as the agent sees it */
  rotation?: 0 | 90 | 180 | 270;
};

/*
 * Thresholds, each set where the good and the bad pages of tests/support/make-quality-pages.ts separate, measured with
 * `npm run bench:quality` (two seeds; the figures quoted are those pages').
 */

/** Marks on under 0.02% of the page: blank sheets with dust or show-through measured 0.005%, one signed line 0.26%. */
const BLANK_MARK_RATIO = 0.0002;
/**
 * Sharpness under 0.7. Scanned pages blurred by a Gaussian of radius σ (300 DPI px) measured 1.19 (σ 0), 0.98 (1),
 * 0.80 (1.5), 0.64 (2), 0.51 (2.5), 0.45 (3), and the app's OCR errors doubled from σ 2 on (0.055% -> 0.11%, 0.5% at
 * 2.5); the phone photos, read without errors, measured 0.89-0.92.
 */
const MIN_SHARPNESS = 0.7;
/** Paper under 130 of 255 is grey-dark (underexposed scans 97-98); the dimmest good page, a phone photo with a shadow, 177. */
const MIN_PAPER_LEVEL = 130;
/** On bright paper, writing within 100 levels of it is washed out (63); good pages 134 and more, blurred ones 115+. */
const MIN_CONTRAST = 100;
const BRIGHT_PAPER = 200;
/** 200 DPI on A4 (1654 x 2339 px) is the portal's floor; 5% slack for scanners that crop a little. */
const MIN_DPI = 190;
/**
 * Ink along ≥ 1.5% of a side in ≥ 3 separate runs: text cut by the edge measured 25-35% in 28-39 runs; good pages at
 * most 0.73% in 3 runs (specks, a scanner streak, a photo's desk), and a border line would be one long run. Was 3%
 * until held-out seed 813 (02/12/2026): a page cut through the short last line of a paragraph ("tờ.") showed 2.26% in
 * 3 runs and passed; good pages of seeds 811-813 reached 0.16% (in under 3 runs).
 */
const CUT_COVERAGE = 0.015;
const CUT_RUNS = 3;

const edgeNames: Record<EdgeName, string> = { top: 'trên', bottom: 'dưới', left: 'trái', right: 'phải' };

/** The Vietnamese message for a finding, with the page's current position. */
export function qualityMessage(finding: QualityFinding, pageNo?: number): string {
  const page = pageNo === undefined ? 'Trang này' : `Trang ${String(pageNo)}`;
  switch (finding.code) {
    case 'blurry':
      return `${page} bị mờ, hãy quét lại.`;
    case 'too_dark':
      return `${page} quá tối, hãy quét lại với độ sáng cao hơn.`;
    case 'too_bright':
      return `${page} quá sáng, chữ bị nhạt, hãy quét lại với độ sáng thấp hơn.`;
    case 'low_resolution':
      return `${page} có độ phân giải thấp (khoảng ${String(finding.dpi ?? 0)} DPI), hãy quét lại ở 200–300 DPI.`;
    case 'cut_off': {
      const sides = (finding.edges ?? []).map((e) => edgeNames[e]).join(', ');
      return `${page} bị mất nội dung ở mép ${sides || 'trang'}, hãy đặt lại giấy và quét lại cho đầy đủ.`;
    }
    case 'nearly_blank':
      return `${page} gần như trắng (có thể là mặt sau để trống), hãy kiểm tra và bỏ trang nếu không cần.`;
  }
}

const clockwise: EdgeName[] = ['top', 'right', 'bottom', 'left'];

/** The side a stored image's edge ends up on once the image is turned `rotation` degrees clockwise. */
export function shownEdge(edge: EdgeName, rotation: number): EdgeName {
  return clockwise[(((clockwise.indexOf(edge) + Math.round(rotation / 90)) % 4) + 4) % 4] ?? edge;
}

/** Judges measured metrics; exported so thresholds can be checked on metrics alone. */
export function judgeQuality(m: QualityMetrics, rotation = 0): QualityFinding[] {
  const findings: QualityFinding[] = [];
  const dpi = m.declaredDpi ?? m.a4Dpi;
  if (dpi < MIN_DPI) findings.push({ code: 'low_resolution', dpi });
  if (m.paperLevel < MIN_PAPER_LEVEL) findings.push({ code: 'too_dark' });
  if (m.markRatio < BLANK_MARK_RATIO) {
    findings.push({ code: 'nearly_blank' });
    return findings; // nothing written: sharpness, contrast and edges mean nothing
  }
  if (m.paperLevel >= BRIGHT_PAPER && m.paperLevel - m.inkLevel < MIN_CONTRAST) findings.push({ code: 'too_bright' });
  if (m.sharpness < MIN_SHARPNESS) findings.push({ code: 'blurry' });
  const cut = (Object.keys(m.edges) as EdgeName[]).filter((e) => m.edges[e].coverage >= CUT_COVERAGE && m.edges[e].runs >= CUT_RUNS);
  if (cut.length > 0) findings.push({ code: 'cut_off', edges: cut.map((e) => shownEdge(e, rotation)) });
  return findings;
}

/**
 * Measures a page image (JPEG/PNG as stored) and lists what is wrong with it, each with a Vietnamese message for
 * the agent, who decides: the warnings never block the page. Takes ~0.1-0.3 s (decoded at ~150 DPI).
 */
export async function assessPageQuality(image: Uint8Array, opts: QualityOptions = {}): Promise<QualityAssessment> {
  const metrics = await measurePage(image);
  const findings = judgeQuality(metrics, opts.rotation ?? 0);
  return { findings, warnings: findings.map((f) => ({ code: f.code, message: qualityMessage(f, opts.pageNo) })), metrics };
}
