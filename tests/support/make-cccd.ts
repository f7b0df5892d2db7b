// Synthetic chip-CCCD card images (front with QR, back with MRZ) as a scanner or a phone would deliver them.
import QRCode from 'qrcode';
import sharp, { type Sharp } from 'sharp';
import { cccdQrText, makeTd1Lines, type FakeCitizen, type QrVariant, type Rng } from './fake-citizen';

export * from './fake-citizen';

// ISO/IEC 7810 ID-1: 85.6 x 53.98 mm; at 300 DPI that is 1011 x 638 px.
export const cardWidthPx = 1011;
export const cardHeightPx = 638;
const pxPerMm = 300 / 25.4;
// The front QR of a chip CCCD is about 2.2 cm wide.
const qrSizePx = Math.round(22 * pxPerMm);

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The QR modules as one SVG path, placed at (x, y) with the given outer size (quiet zone not included). */
function qrSvg(text: string, x: number, y: number, size: number): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const m = size / n;
  let path = '';
  for (let row = 0; row < n; row += 1) {
    for (let col = 0; col < n; col += 1) {
      if (qr.modules.data[row * n + col])
        path += `M${(x + col * m).toFixed(2)} ${(y + row * m).toFixed(2)}h${m.toFixed(2)}v${m.toFixed(2)}h-${m.toFixed(2)}z`;
    }
  }
  return `<rect x="${x - 4 * m}" y="${y - 4 * m}" width="${size + 8 * m}" height="${size + 8 * m}" fill="#fff"/><path d="${path}" fill="#111"/>`;
}

function frontSvg(citizen: FakeCitizen, qrText: string): string {
  const label = (y: number, vi: string, en: string, value: string, size = 24) =>
    `<text x="300" y="${y}" font-size="17" fill="#333">${escapeXml(vi)} / ${escapeXml(en)}:</text>` +
    `<text x="300" y="${y + 28}" font-size="${size}" font-weight="bold" fill="#111">${escapeXml(value)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cardWidthPx}" height="${cardHeightPx}" font-family="DejaVu Sans, Noto Sans, sans-serif">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#e9f1f7"/><stop offset="1" stop-color="#f7efe4"/></linearGradient></defs>
  <rect width="100%" height="100%" rx="36" fill="url(#bg)"/>
  <circle cx="110" cy="95" r="60" fill="#d9b45a" opacity="0.8"/>
  <text x="430" y="60" font-size="20" font-weight="bold" text-anchor="middle" fill="#222">CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</text>
  <text x="430" y="88" font-size="17" text-anchor="middle" fill="#222">Độc lập - Tự do - Hạnh phúc</text>
  <text x="430" y="135" font-size="30" font-weight="bold" text-anchor="middle" fill="#b22">CĂN CƯỚC CÔNG DÂN</text>
  <rect x="40" y="190" width="220" height="280" fill="#c8d3dc" stroke="#889" />
  <text x="300" y="190" font-size="19" fill="#333">Số / No.:</text>
  <text x="400" y="192" font-size="32" font-weight="bold" fill="#111">${citizen.idNumber}</text>
  ${label(235, 'Họ và tên', 'Full name', citizen.fullName.toUpperCase(), 28)}
  ${label(310, 'Ngày sinh', 'Date of birth', ddmmyyyy(citizen.dateOfBirth))}
  <text x="580" y="335" font-size="17" fill="#333">Giới tính / Sex: <tspan font-weight="bold" font-size="22">${citizen.sex === 'male' ? 'Nam' : 'Nữ'}</tspan></text>
  <text x="580" y="362" font-size="17" fill="#333">Quốc tịch / Nationality: <tspan font-weight="bold" font-size="22">Việt Nam</tspan></text>
  ${label(385, 'Quê quán', 'Place of origin', citizen.address.split(', ').slice(-2).join(', '), 20)}
  ${label(460, 'Nơi thường trú', 'Place of residence', citizen.address, 18)}
  <text x="40" y="600" font-size="15" fill="#444">Có giá trị đến: ${citizen.expiryDate === null ? 'Không thời hạn' : ddmmyyyy(citizen.expiryDate)}</text>
  ${qrSvg(qrText, cardWidthPx - qrSizePx - 30, 30, qrSizePx)}
</svg>`;
}

function backSvg(lines: readonly string[]): string {
  const mrz = lines
    .map(
      (line, i) =>
        `<text x="60" y="${500 + i * 44}" font-size="36" font-family="DejaVu Sans Mono, monospace" fill="#111">${escapeXml(line)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cardWidthPx}" height="${cardHeightPx}" font-family="DejaVu Sans, sans-serif">
  <rect width="100%" height="100%" rx="36" fill="#eef2f5"/>
  <text x="60" y="80" font-size="18" fill="#333">Đặc điểm nhận dạng / Personal identification:</text>
  <rect x="720" y="60" width="120" height="150" fill="#dde" stroke="#99a"/><rect x="860" y="60" width="120" height="150" fill="#dde" stroke="#99a"/>
  <rect x="80" y="250" width="110" height="90" rx="10" fill="#d8b75d"/>
  <rect x="0" y="440" width="100%" height="198" fill="#fff"/>
  ${mrz}
</svg>`;
}

export type PhotoOptions = {
  /** degrees, any angle */
  rotate?: number;
  /** gaussian blur sigma in px at 300 DPI */
  blur?: number;
  /** 0 = flat scan; 0.1-0.3 = photographed at an angle (keystone) */
  perspective?: number;
  /** overall scale of the delivered picture (0.6 = a lower-resolution photo) */
  scale?: number;
  /** gaussian noise standard deviation in grey levels */
  noise?: number;
  jpegQuality?: number;
};

/** 4 corners of the card in the output picture, for the options. */
function destinationQuad(options: PhotoOptions, rng: Rng) {
  const scale = options.scale ?? 1;
  const angle = ((options.rotate ?? 0) * Math.PI) / 180;
  const k = options.perspective ?? 0;
  const w = cardWidthPx * scale;
  const h = cardHeightPx * scale;
  // keystone: the far edge (a random side) is shorter by k and nearer the opposite edge
  const [hw, hh] = [w / 2, h / 2];
  const local: [number, number][] = [
    [-hw, -hh],
    [hw, -hh],
    [hw, hh],
    [-hw, hh],
  ];
  const near = 1 - k;
  const side = Math.floor(rng() * 4);
  if (side === 0) local.splice(0, 2, [-hw * near, -hh + k * h * 0.3], [hw * near, -hh + k * h * 0.3]);
  if (side === 1) local.splice(1, 2, [hw - k * w * 0.3, -hh * near], [hw - k * w * 0.3, hh * near]);
  if (side === 2) local.splice(2, 2, [hw * near, hh - k * h * 0.3], [-hw * near, hh - k * h * 0.3]);
  if (side === 3)
    local.splice(0, 4, [-hw + k * w * 0.3, -hh * near], [hw, -hh], [hw, hh], [-hw + k * w * 0.3, hh * near]);
  const rotated = local.map(
    ([x, y]) =>
      [x * Math.cos(angle) - y * Math.sin(angle), x * Math.sin(angle) + y * Math.cos(angle)] as const,
  );
  const xs = rotated.map((p) => p[0]);
  const ys = rotated.map((p) => p[1]);
  const margin = 60 * scale;
  const outW = Math.ceil(Math.max(...xs) - Math.min(...xs) + 2 * margin);
  const outH = Math.ceil(Math.max(...ys) - Math.min(...ys) + 2 * margin);
  const quad = rotated.map(([x, y]) => [x - Math.min(...xs) + margin, y - Math.min(...ys) + margin] as const);
  return { quad, outW, outH };
}

/** Solves the homography that maps the output quad back onto the card rectangle (8 unknowns, Gaussian elimination). */
function homography(
  from: readonly (readonly [number, number])[],
  to: readonly (readonly [number, number])[],
): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const [x, y] = from[i] ?? [0, 0];
    const [u, v] = to[i] ?? [0, 0];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u], [0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < 8; r += 1)
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] ?? [], a[col] ?? []];
    const p = a[col] ?? [];
    for (let r = 0; r < 8; r += 1) {
      const row = a[r] ?? [];
      if (r === col) continue;
      const f = (row[col] ?? 0) / (p[col] ?? 1);
      for (let c = col; c < 9; c += 1) row[c] = (row[c] ?? 0) - f * (p[c] ?? 0);
    }
  }
  return [...a.map((row, i) => (row[8] ?? 0) / (row[i] ?? 1)), 1];
}

/** Places the card on a desk-coloured background through a projective warp (bilinear sampling). */
async function warp(
  card: Buffer,
  options: PhotoOptions,
  rng: Rng,
): Promise<{ data: Buffer; width: number; height: number }> {
  const { quad, outW, outH } = destinationQuad(options, rng);
  const corners = [
    [0, 0],
    [cardWidthPx, 0],
    [cardWidthPx, cardHeightPx],
    [0, cardHeightPx],
  ] as const;
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0, h8 = 1] = homography(quad, corners);
  const desk = [120 + Math.floor(rng() * 60), 100 + Math.floor(rng() * 50), 80 + Math.floor(rng() * 40)];
  const background = { r: desk[0] ?? 0, g: desk[1] ?? 0, b: desk[2] ?? 0 };
  const src = await sharp(card).flatten({ background }).raw().toBuffer();
  const out = Buffer.alloc(outW * outH * 3);
  for (let y = 0; y < outH; y += 1) {
    for (let x = 0; x < outW; x += 1) {
      const d = h6 * x + h7 * y + h8;
      const sx = (h0 * x + h1 * y + h2) / d;
      const sy = (h3 * x + h4 * y + h5) / d;
      const o = (y * outW + x) * 3;
      if (sx < 0 || sy < 0 || sx >= cardWidthPx - 1 || sy >= cardHeightPx - 1) {
        out[o] = desk[0] ?? 0;
        out[o + 1] = desk[1] ?? 0;
        out[o + 2] = desk[2] ?? 0;
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const i00 = (y0 * cardWidthPx + x0) * 3;
      const i10 = i00 + 3;
      const i01 = i00 + cardWidthPx * 3;
      const i11 = i01 + 3;
      for (let c = 0; c < 3; c += 1) {
        const top = (src[i00 + c] ?? 0) * (1 - fx) + (src[i10 + c] ?? 0) * fx;
        const bottom = (src[i01 + c] ?? 0) * (1 - fx) + (src[i11 + c] ?? 0) * fx;
        out[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { data: out, width: outW, height: outH };
}

function addNoise(data: Buffer, sigma: number, rng: Rng): void {
  for (let i = 0; i < data.length; i += 1) {
    const gauss = Math.sqrt(-2 * Math.log(rng() || 1e-9)) * Math.cos(2 * Math.PI * rng());
    data[i] = Math.max(0, Math.min(255, Math.round((data[i] ?? 0) + gauss * sigma)));
  }
}

/** Turns a flat card rendering into what a scanner or phone delivers: warped, blurred, noisy, JPEG. */
export async function photograph(card: Buffer, options: PhotoOptions, rng: Rng): Promise<Buffer> {
  const flat = !options.rotate && !options.perspective && (options.scale ?? 1) === 1;
  let img: Sharp;
  if (flat) {
    img = sharp(card).flatten({ background: '#ffffff' }); // scanner lid
  } else {
    const warped = await warp(card, options, rng);
    img = sharp(warped.data, { raw: { width: warped.width, height: warped.height, channels: 3 } });
  }
  if (options.blur) img = img.blur(options.blur);
  if (options.noise) {
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    addNoise(data, options.noise, rng);
    img = sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } });
  }
  return options.jpegQuality ? img.jpeg({ quality: options.jpegQuality }).toBuffer() : img.png().toBuffer();
}

/** The front of a chip CCCD for this invented citizen, with its QR, as a flat 300-DPI PNG. */
export async function renderCccdFront(
  citizen: FakeCitizen,
  variant: QrVariant = '7-fields',
): Promise<Buffer> {
  return renderCccdFrontWithQrText(citizen, cccdQrText(citizen, variant));
}

/** Same card with any text in the QR (another document's link, a future layout ...). */
export async function renderCccdFrontWithQrText(citizen: FakeCitizen, qrText: string): Promise<Buffer> {
  return sharp(Buffer.from(frontSvg(citizen, qrText)))
    .png()
    .toBuffer();
}

/** The back with the MRZ (pass corrupted lines to draw a misprinted card). */
export async function renderCccdBack(citizen: FakeCitizen, lines = makeTd1Lines(citizen)): Promise<Buffer> {
  return sharp(Buffer.from(backSvg(lines)))
    .png()
    .toBuffer();
}
