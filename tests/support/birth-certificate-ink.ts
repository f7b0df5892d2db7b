// Fixture: what gets drawn on a form page besides printed labels: leaders, hand-like writing, signatures, a round stamp.
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from './birth-certificate-data';

export type LeaderStyle = 'dots' | 'periods' | 'dashes' | 'underscores' | 'underline' | 'none';
export const leaderStyles: readonly LeaderStyle[] = [
  'dots',
  'periods',
  'dashes',
  'underscores',
  'underline',
  'none',
];

/** A leader line from x0 to x1 on the baseline y, in one of the styles printed forms use. */
export function drawLeader(
  ctx: SKRSContext2D,
  style: LeaderStyle,
  x0: number,
  x1: number,
  y: number,
  labelFont: string,
): void {
  if (x1 - x0 < 10 || style === 'none') return;
  ctx.save();
  ctx.fillStyle = '#1b1b1b';
  ctx.strokeStyle = '#1b1b1b';
  switch (style) {
    case 'dots':
      for (let x = x0; x <= x1; x += 13) {
        ctx.beginPath();
        ctx.arc(x, y - 2.5, 2.4, 0, Math.PI * 2);
        ctx.fill();
      }
      break;
    case 'periods': {
      // the "……" a word processor prints: the label font's period, repeated
      ctx.font = labelFont;
      const dot = ctx.measureText('.').width;
      for (let x = x0; x + dot <= x1; x += dot) ctx.fillText('.', x, y);
      break;
    }
    case 'dashes':
      ctx.lineWidth = 2.5;
      for (let x = x0; x + 9 <= x1; x += 16) {
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x + 9, y);
        ctx.stroke();
      }
      break;
    case 'underscores':
      ctx.lineWidth = 3;
      for (let x = x0; x + 22 <= x1; x += 26) {
        ctx.beginPath();
        ctx.moveTo(x, y + 4);
        ctx.lineTo(x + 22, y + 4);
        ctx.stroke();
      }
      break;
    case 'underline':
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x0, y + 6);
      ctx.lineTo(x1, y + 6);
      ctx.stroke();
      break;
  }
  ctx.restore();
}

export type HandStyle = { font: string; ink: string; jitter: number };

/**
 * Writing that looks filled in by hand: an italic font, each character nudged up or down and turned a little, a
 * slowly drifting baseline. Returns the x where the writing ends.
 */
export function drawHandText(
  ctx: SKRSContext2D,
  text: string,
  x: number,
  y: number,
  style: HandStyle,
  random: Rng,
): number {
  ctx.save();
  ctx.font = style.font;
  ctx.fillStyle = style.ink;
  let cx = x;
  let drift = 0;
  const slope = (random() - 0.5) * 0.012;
  for (const ch of text.normalize('NFC')) {
    const advance = ctx.measureText(ch).width;
    drift += (random() - 0.5) * style.jitter * 0.6;
    drift = Math.max(-style.jitter * 2, Math.min(style.jitter * 2, drift));
    ctx.save();
    ctx.translate(cx, y + drift + (cx - x) * slope);
    ctx.rotate((random() - 0.5) * 0.07 * (style.jitter / 3));
    ctx.fillText(ch, 0, 0);
    ctx.restore();
    cx += advance * (0.97 + random() * 0.08);
  }
  ctx.restore();
  return cx;
}

/** A scribbled signature: a few connected loops, in the writer's ink. */
export function drawSignature(ctx: SKRSContext2D, cx: number, cy: number, ink: string, random: Rng): void {
  ctx.save();
  ctx.strokeStyle = ink;
  ctx.lineWidth = 3 + random() * 2;
  ctx.lineCap = 'round';
  ctx.beginPath();
  let x = cx - 150 - random() * 60;
  let y = cy + (random() - 0.5) * 40;
  ctx.moveTo(x, y);
  const loops = 4 + Math.floor(random() * 4);
  for (let i = 0; i < loops; i++) {
    const nx = x + 40 + random() * 50;
    const ny = cy + (random() - 0.5) * 90;
    ctx.bezierCurveTo(x + 10, y - 80 * random(), nx - 30, ny + 90 * random(), nx, ny);
    x = nx;
    y = ny;
  }
  ctx.moveTo(cx - 180, cy + 40 + random() * 20);
  ctx.quadraticCurveTo(cx, cy + 20 + random() * 40, cx + 170 + random() * 40, cy + 10);
  ctx.stroke();
  ctx.restore();
}

export const stampColours = ['#d4202c', '#c8102e', '#2a3fb0', '#1f4fa8', '#7a2a9a', '#8a1f7a'] as const;

/**
 * A round seal (con dấu) in red, blue or purple: two rings, the facility name around the edge, a star, and specks
 * where the ink did not take. Laid with multiply, as ink over paper: black text under it stays black.
 */
export function drawStamp(
  ctx: SKRSContext2D,
  cx: number,
  cy: number,
  r: number,
  ring: string,
  centre: string,
  colour: string,
  random: Rng,
): void {
  const size = Math.ceil(r * 2.2);
  const seal = createCanvas(size, size);
  const s = seal.getContext('2d');
  s.translate(size / 2, size / 2);
  s.rotate((random() - 0.5) * 0.5);
  s.strokeStyle = colour;
  s.fillStyle = colour;
  s.lineWidth = r * 0.05;
  s.beginPath();
  s.arc(0, 0, r, 0, Math.PI * 2);
  s.stroke();
  s.lineWidth = r * 0.02;
  s.beginPath();
  s.arc(0, 0, r * 0.68, 0, Math.PI * 2);
  s.stroke();
  s.font = `bold ${String(Math.round(r * 0.15))}px "DejaVu Sans"`;
  const letters = [...ring.toUpperCase()];
  const span = Math.PI * 1.7;
  letters.forEach((ch, i) => {
    const a = -span / 2 + (span * (i + 0.5)) / letters.length;
    s.save();
    s.rotate(a);
    s.fillText(ch, -s.measureText(ch).width / 2, -r * 0.76);
    s.restore();
  });
  s.beginPath();
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r * 0.22 : r * 0.09;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    s.lineTo(rr * Math.cos(a), rr * Math.sin(a) - r * 0.18);
  }
  s.closePath();
  s.fill();
  s.font = `bold ${String(Math.round(r * 0.13))}px "DejaVu Sans"`;
  s.fillText(centre, -s.measureText(centre).width / 2, r * 0.3);
  // ink that did not take
  s.globalCompositeOperation = 'destination-out';
  for (let i = 0; i < 90; i++) {
    const a = random() * Math.PI * 2;
    const rr = random() * r * 1.05;
    s.globalAlpha = 0.4 + random() * 0.6;
    s.beginPath();
    s.arc(rr * Math.cos(a), rr * Math.sin(a), 1.5 + random() * 4, 0, Math.PI * 2);
    s.fill();
  }
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.globalAlpha = 0.75 + random() * 0.2;
  ctx.drawImage(seal, cx - size / 2, cy - size / 2);
  ctx.restore();
}
