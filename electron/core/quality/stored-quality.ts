// The quality gate's result as stored on a page row (pages.quality, JSON) and turned back into warnings to show.
import {
  assessPageQuality,
  qualityMessage,
  shownEdge,
  type QualityAssessment,
  type QualityCode,
  type QualityFinding,
  type QualityOptions,
  type QualityWarning,
} from './page-quality';
import type { QualityMetrics } from './quality-metrics';

/** The agent looked at the warnings and kept the page anyway: who (name as it was then) and when. */
export type QualityAcceptance = { by: string; byName: string; at: number };

/**
 * Version 1: findings (codes and their facts, no text: messages carry the page's current number) and the metrics,
 * or, when the page could not be measured, the reason (the gate advises; it never stops a page from being added).
 * `rotation` is the turn the cut edges were named with (absent on the first rows: taken as the page's current turn);
 * `accepted` is set once the agent keeps the page despite its warnings.
 */
export type StoredQuality = {
  v: 1;
  findings: QualityFinding[];
  metrics: QualityMetrics | null;
  error?: string;
  rotation?: number;
  accepted?: QualityAcceptance;
};

/** A finding as the page list shows it: the code, its facts (edges as seen with the page's current turn), the message. */
export type ShownQualityWarning = QualityWarning & { edges?: QualityFinding['edges']; dpi?: number };

const codes: readonly QualityCode[] = ['blurry', 'too_dark', 'too_bright', 'low_resolution', 'cut_off', 'nearly_blank'];

export function storedQuality(assessment: QualityAssessment, rotation = 0): string {
  const value: StoredQuality = { v: 1, findings: assessment.findings, metrics: assessment.metrics, rotation };
  return JSON.stringify(value);
}

/** Measures a page for pages.quality; never throws (an unmeasurable page is stored with the reason, no warnings). */
export async function assessForStorage(image: Uint8Array, opts: QualityOptions = {}): Promise<string> {
  try {
    return storedQuality(await assessPageQuality(image, opts), opts.rotation ?? 0);
  } catch (error) {
    const value: StoredQuality = { v: 1, findings: [], metrics: null, error: error instanceof Error ? error.message : String(error) };
    return JSON.stringify(value);
  }
}

function parse(json: string | null): StoredQuality | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<StoredQuality>;
    if (value.v !== 1 || !Array.isArray(value.findings)) return null;
    return { ...value, v: 1, findings: value.findings.filter((f) => codes.includes(f.code)), metrics: value.metrics ?? null };
  } catch {
    return null;
  }
}

/** The stored findings, or [] for a page stored before the gate existed (NULL) or an unreadable value. */
export function parseStoredQuality(json: string | null): QualityFinding[] {
  return parse(json)?.findings ?? [];
}

/** Who kept the page despite its warnings, or null. */
export function qualityAcceptanceOf(json: string | null): QualityAcceptance | null {
  return parse(json)?.accepted ?? null;
}

/**
 * What the page list shows: one Vietnamese warning per finding, numbered with the page's position (1-based), cut
 * edges named as the agent sees the page now (`rotation`, its current turn), even after turning it.
 */
export function qualityWarningsOf(json: string | null, pageNo: number, rotation?: number): ShownQualityWarning[] {
  const stored = parse(json);
  if (!stored) return [];
  const turn = rotation === undefined || stored.rotation === undefined ? 0 : rotation - stored.rotation;
  return stored.findings.map((f) => {
    const shown: QualityFinding = f.edges ? { ...f, edges: f.edges.map((e) => shownEdge(e, turn)) } : f;
    return { code: shown.code, message: qualityMessage(shown, pageNo), ...(shown.edges ? { edges: shown.edges } : {}), ...(shown.dpi !== undefined ? { dpi: shown.dpi } : {}) };
  });
}

/**
 * The stored value with the agent's acceptance added; null when the page has no warnings to accept (nothing to
 * record). Accepting again keeps the first acceptance.
 */
export function withAcceptance(json: string | null, acceptance: QualityAcceptance): string | null {
  const stored = parse(json);
  if (!stored || stored.findings.length === 0) return null;
  if (stored.accepted) return json;
  return JSON.stringify({ ...stored, accepted: acceptance });
}
