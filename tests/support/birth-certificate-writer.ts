// Fixture: the pen of the Giấy chứng sinh generator: fonts, a drawn style, and rows of "label: value" over leaders.
import { GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { int, pick, type Rng } from './birth-certificate-data';
import {
  drawHandText,
  drawLeader,
  leaderStyles,
  stampColours,
  type HandStyle,
  type LeaderStyle,
} from './birth-certificate-ink';

export const PAGE_W = 2480;
export const PAGE_H = 3508;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let fontsReady = false;
/** Noto Sans from resources/fonts; DejaVu Sans and Serif come from the system (Debian fonts-dejavu-core). */
export function registerFonts(): void {
  if (fontsReady) return;
  for (const [file, alias] of [
    ['NotoSans-Regular.ttf', 'Noto Sans'],
    ['NotoSans-Bold.ttf', 'Noto Sans'],
  ] as const) {
    const path = join(repoRoot, 'resources', 'fonts', file);
    if (existsSync(path)) GlobalFonts.registerFromPath(path, alias);
  }
  fontsReady = true;
}

function availableFamilies(): string[] {
  const have = new Set(GlobalFonts.families.map((f) => f.family));
  return ['Noto Sans', 'DejaVu Sans', 'DejaVu Serif'].filter((f) => have.has(f));
}

export type Item = { label: string } | { value: string; slot?: number; upper?: boolean };
export type Cell = { x?: number; items: Item[] };

export type BirthCertificateStyle = {
  labelFamily: string;
  size: number;
  lineGap: number;
  leader: LeaderStyle;
  /** typed by the hospital's software, or written by hand */
  fill: 'typed' | 'hand';
  hand: HandStyle;
  typedFont: string;
  stampColour: string;
  motherUpper: boolean;
  childUpper: boolean;
};

export function drawStyle(random: Rng): BirthCertificateStyle {
  const families = availableFamilies();
  const labelFamily = pick(random, families);
  const size = int(random, 46, 54);
  const ink =
    random() < 0.6 ? pick(random, ['#1a3aa8', '#23379a', '#1d4fb5']) : pick(random, ['#111111', '#222233']);
  const handFamily = pick(
    random,
    families.filter((f) => f !== 'Noto Sans'),
  );
  const typedFamily = pick(random, families);
  return {
    labelFamily,
    size,
    lineGap: Math.round(size * (2.1 + random() * 0.6)),
    leader: pick(random, leaderStyles),
    fill: random() < 0.5 ? 'typed' : 'hand',
    hand: {
      font: `italic ${String(size + int(random, 0, 6))}px "${handFamily}"`,
      ink,
      jitter: 1.5 + random() * 2.5,
    },
    typedFont: `${random() < 0.5 ? 'bold ' : ''}${String(size)}px "${typedFamily}"`,
    stampColour: pick(random, stampColours),
    motherUpper: random() < 0.7,
    childUpper: random() < 0.35,
  };
}

export class PageWriter {
  y = 330;
  readonly left = 230;
  readonly right = PAGE_W - 230;
  constructor(
    readonly ctx: SKRSContext2D,
    readonly style: BirthCertificateStyle,
    readonly random: Rng,
  ) {}

  font(bold = false, scale = 1): string {
    return `${bold ? 'bold ' : ''}${String(Math.round(this.style.size * scale))}px "${this.style.labelFamily}"`;
  }

  text(text: string, x: number, y: number, font = this.font(), colour = '#111111'): number {
    this.ctx.font = font;
    this.ctx.fillStyle = colour;
    this.ctx.fillText(text, x, y);
    return x + this.ctx.measureText(text).width;
  }

  centred(text: string, cx: number, y: number, font: string): { x0: number; x1: number } {
    this.ctx.font = font;
    const w = this.ctx.measureText(text).width;
    this.text(text, cx - w / 2, y, font);
    return { x0: cx - w / 2, x1: cx + w / 2 };
  }

  width(text: string, font: string): number {
    this.ctx.font = font;
    return this.ctx.measureText(text).width;
  }

  /** A filled value over its leader, from x to slotEnd; hand-written values sit a little above the dotted line. */
  value(text: string, x: number, slotEnd: number): void {
    const { style } = this;
    const start = x + 14 + this.random() * 16;
    drawLeader(this.ctx, style.leader, x + 6, slotEnd, this.y, this.font());
    if (style.fill === 'hand')
      drawHandText(this.ctx, text, start, this.y - 6 - this.random() * 8, style.hand, this.random);
    else this.text(text, start, this.y, style.typedFont);
  }

  valueWidth(text: string): number {
    return this.style.fill === 'hand'
      ? this.width(text, this.style.hand.font) * 1.03 + 40
      : this.width(text, this.style.typedFont) + 40;
  }

  /** One row of cells; each cell's last value runs to the next cell (or the margin), inner values get a short slot. */
  row(cells: Cell[]): void {
    cells.forEach((cell, ci) => {
      let x = cell.x ?? this.left;
      const end = (cells[ci + 1]?.x ?? this.right + 40) - 40;
      cell.items.forEach((item, i) => {
        if ('label' in item) {
          x = this.text(`${i === 0 ? '' : ' '}${item.label}`, x, this.y) + 4;
          return;
        }
        const last = i === cell.items.length - 1;
        const slotEnd = last ? end : x + Math.max(item.slot ?? 0, this.valueWidth(item.value));
        const [head, rest] = last ? this.fitting(item.value, slotEnd - x) : [item.value, ''];
        this.value(head, x, slotEnd);
        x = slotEnd;
        if (rest) {
          // a long address goes on under the label, over a leader from the margin, as on the paper form
          this.y += this.style.lineGap;
          this.value(rest, this.left - 14, this.right);
        }
      });
    });
    this.y += this.style.lineGap;
  }

  /** The words of `text` that fit in `room` pixels (cut after a comma when one fits), and the rest. */
  fitting(text: string, room: number): [string, string] {
    if (this.valueWidth(text) <= room) return [text, ''];
    const words = text.split(' ');
    let n = words.length - 1;
    while (n > 1 && this.valueWidth(words.slice(0, n).join(' ')) > room) n--;
    const comma = words.slice(0, n).findLastIndex((word) => word.endsWith(','));
    if (comma >= 1) n = comma + 1;
    return [words.slice(0, n).join(' '), words.slice(n).join(' ')];
  }

  /** Cells that fit side by side share a row; a cell that would run into the next goes on its own row. */
  rows(cells: Cell[]): void {
    const natural = (cell: Cell) =>
      cell.items.reduce(
        (w, item) =>
          w + ('label' in item ? this.width(` ${item.label}`, this.font()) : this.valueWidth(item.value)),
        0,
      );
    const first = cells[0];
    const second = cells[1];
    if (first && second?.x !== undefined && this.left + natural(first) < second.x - 40) this.row(cells);
    else for (const cell of cells) this.row([{ items: cell.items }]);
  }
}
