// Small order statistics shared by the image and text code (OCR preprocessing, line grouping, rereads).

/**
 * The upper median: the middle value, or the higher of the two middle ones for an even count; 0 when there are
 * none. The input is left as it was.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
