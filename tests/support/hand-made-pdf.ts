// Test fixture: writes small PDFs by hand, including RC4-encrypted ones (Standard security handler, R2).
import { createHash } from 'node:crypto';

// Algorithm 2 padding string, PDF 32000-1:2008 §7.6.3.3
const PASSWORD_PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function md5(...parts: Buffer[]): Buffer {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i += 1) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let n = 0; n < data.length; n += 1) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
    out[n] = (data[n] ?? 0) ^ (s[((s[i] ?? 0) + (s[j] ?? 0)) & 0xff] ?? 0);
  }
  return out;
}

function padPassword(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PAD]).subarray(0, 32);
}

type Encryption = { userPassword: string; ownerPassword: string };

/** 40-bit RC4 (V1/R2) security handler: /O, /U and the file key, for a document ID. */
function standardSecurity(enc: Encryption, id: Buffer, permissions: number) {
  const ownerKey = md5(padPassword(enc.ownerPassword)).subarray(0, 5);
  const o = rc4(ownerKey, padPassword(enc.userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const fileKey = md5(padPassword(enc.userPassword), o, p, id).subarray(0, 5);
  const u = rc4(fileKey, PASSWORD_PAD);
  return { o, u, fileKey };
}

function objectKey(fileKey: Buffer, objectNumber: number): Buffer {
  const suffix = Buffer.from([
    objectNumber & 0xff,
    (objectNumber >> 8) & 0xff,
    (objectNumber >> 16) & 0xff,
    0,
    0,
  ]);
  return md5(fileKey, suffix).subarray(0, Math.min(fileKey.length + 5, 16));
}

/**
 * A one-page A4 PDF drawing a black square (object 4 is the content stream). With `encryption`, the
 * content is RC4-encrypted: an empty user password gives a PDF anyone can open (owner password only),
 * any other user password gives one that cannot be read without it.
 */
export function handMadePdf(encryption?: Encryption): Uint8Array {
  const content = Buffer.from('0 0 0 rg 150 400 300 300 re f\n', 'latin1');
  const id = md5(Buffer.from('dai-ly-dvc test pdf'));
  const permissions = -44; // print allowed, modify/copy not: a typical "protected" office PDF
  const security = encryption ? standardSecurity(encryption, id, permissions) : undefined;
  const stream = security ? rc4(objectKey(security.fileKey, 4), content) : content;

  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>'),
    Buffer.concat([
      Buffer.from(`<< /Length ${String(stream.length)} >>\nstream\n`),
      stream,
      Buffer.from('\nendstream'),
    ]),
  ];
  if (security) {
    const hex = (b: Buffer) => `<${b.toString('hex')}>`;
    objects.push(
      Buffer.from(
        `<< /Filter /Standard /V 1 /R 2 /O ${hex(security.o)} /U ${hex(security.u)} /P ${String(permissions)} >>`,
      ),
    );
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = Buffer.concat([Buffer.from(`${String(i + 1)} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    length += obj.length;
  });
  const xref = [`xref\n0 ${String(objects.length + 1)}\n`, '0000000000 65535 f \n']
    .concat(offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`))
    .join('');
  const encrypt = security ? ` /Encrypt ${String(objects.length)} 0 R` : '';
  const trailer = `trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R${encrypt} /ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\nstartxref\n${String(length)}\n%%EOF\n`;
  parts.push(Buffer.from(xref + trailer, 'latin1'));
  const out = Buffer.concat(parts);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
