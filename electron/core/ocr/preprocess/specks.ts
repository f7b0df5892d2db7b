// Dust specks: small marks with no writing near them, which tesseract turns into stray punctuation.
import type { Component } from './components';
import type { DotBox } from './leaders';

/** A speck is no larger than 45% of the x-height (a period or a tone dot is ~20-30%). */
const MAX_SPECK = 0.45;
/**
 * ...and has no other mark within 0.8 x-height. Letters of a word are ~0.1 x-height apart, a period or comma sits
 * ~0.1-0.2 from its word and a tone mark ~0.1-0.3 above its letter, so punctuation and diacritics always have a
 * neighbour that close; dust in the margins and between lines does not.
 */
const ISOLATION = 0.8;

function gap(a: Component, b: Component): number {
  const dx = Math.max(0, a.x0 - b.x1, b.x0 - a.x1);
  const dy = Math.max(0, a.y0 - b.y1, b.y0 - a.y1);
  return Math.max(dx, dy);
}

export function findSpecks(list: Component[], xHeight: number): DotBox[] {
  const cell = Math.max(4, Math.round(xHeight));
  const reach = xHeight * ISOLATION;
  const grid = new Map<number, Component[]>();
  const key = (cx: number, cy: number) => cy * 100_000 + cx;
  for (const c of list) {
    for (let cy = Math.floor(c.y0 / cell); cy <= Math.floor(c.y1 / cell); cy++) {
      for (let cx = Math.floor(c.x0 / cell); cx <= Math.floor(c.x1 / cell); cx++) {
        const bucket = grid.get(key(cx, cy));
        if (bucket) bucket.push(c);
        else grid.set(key(cx, cy), [c]);
      }
    }
  }
  const specks: DotBox[] = [];
  for (const c of list) {
    if (Math.max(c.x1 - c.x0 + 1, c.y1 - c.y0 + 1) > xHeight * MAX_SPECK) continue;
    let alone = true;
    for (let cy = Math.floor((c.y0 - reach) / cell); cy <= Math.floor((c.y1 + reach) / cell) && alone; cy++) {
      for (let cx = Math.floor((c.x0 - reach) / cell); cx <= Math.floor((c.x1 + reach) / cell) && alone; cx++) {
        for (const other of grid.get(key(cx, cy)) ?? []) {
          if (other !== c && gap(c, other) <= reach) {
            alone = false;
            break;
          }
        }
      }
    }
    if (alone) specks.push({ x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 });
  }
  return specks;
}
