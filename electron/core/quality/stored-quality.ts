// The quality gate's result as stored on a page row (pages.quality, JSON) and turned back into warnings to show.
import {
  assessPageQuality,
  qualityMessage,
  type QualityAssessment,
  type QualityCode,
  type QualityFinding,
  type QualityOptions,
  type QualityWarning,
} from './page-quality';
import type { QualityMetrics } from './quality-metrics';

/**
 * Version 1: findings (codes and their facts, no text: messages carry the page's current number) and the metrics,
 * or, when the page could not be measured, the reason (the gate advises; it never stops a page from being added).
 */
export type StoredQuality = { v: 1; findings: QualityFinding[]; metrics: QualityMetrics | null; error?: string };

const codes: readonly QualityCode[] = ['blurry', 'too_dark', 'too_bright', 'low_resolution', 'cut_off', 'nearly_blank'];

export function storedQuality(assessment: QualityAssessment): string {
  const value: StoredQuality = { v: 1, findings: assessment.findings, metrics: assessment.metrics };
  return JSON.stringify(value);
}

/** Measures a page for pages.quality; never throws (an unmeasurable page is stored with the reason, no warnings). */
export async function assessForStorage(image: Uint8Array, opts: QualityOptions = {}): Promise<string> {
  try {
    return storedQuality(await assessPageQuality(image, opts));
  } catch (error) {
    const value: StoredQuality = { v: 1, findings: [], metrics: null, error: error instanceof Error ? error.message : String(error) };
    return JSON.stringify(value);
  }
}

/** The stored findings, or [] for a page stored before the gate existed (NULL) or an unreadable value. */
export function parseStoredQuality(json: string | null): QualityFinding[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as { v?: unknown; findings?: unknown };
    if (value.v !== 1 || !Array.isArray(value.findings)) return [];
    return (value.findings as QualityFinding[]).filter((f) => codes.includes(f.code));
  } catch {
    return [];
  }
}

/** What the page list shows: one Vietnamese warning per finding, numbered with the page's position (1-based). */
export function qualityWarningsOf(json: string | null, pageNo: number): QualityWarning[] {
  return parseStoredQuality(json).map((f) => ({ code: f.code, message: qualityMessage(f, pageNo) }));
}
