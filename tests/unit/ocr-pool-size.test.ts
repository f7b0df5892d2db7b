// OCR worker pool sized to the machine: all cores on small PCs, one left free on bigger ones, capped by memory.
import { describe, expect, it } from 'vitest';
import { defaultOcrWorkers } from '../../electron/core/ocr/tesseract-engine';

const GiB = 2 ** 30;

describe('defaultOcrWorkers', () => {
  it('uses every core of a 1-2 core counter PC', () => {
    expect(defaultOcrWorkers(1, 8 * GiB)).toBe(1);
    expect(defaultOcrWorkers(2, 8 * GiB)).toBe(2);
  });
  it('leaves a core to the app on bigger machines, at most 4 workers', () => {
    expect(defaultOcrWorkers(4, 16 * GiB)).toBe(3);
    expect(defaultOcrWorkers(8, 32 * GiB)).toBe(4);
    expect(defaultOcrWorkers(64, 256 * GiB)).toBe(4);
  });
  it('takes one worker per 2 GiB of memory, and never fewer than one', () => {
    expect(defaultOcrWorkers(8, 4 * GiB)).toBe(2);
    expect(defaultOcrWorkers(4, 3 * GiB)).toBe(1);
    expect(defaultOcrWorkers(4, 1 * GiB)).toBe(1);
  });
});
