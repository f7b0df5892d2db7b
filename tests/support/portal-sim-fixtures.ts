// Test helpers for the portal simulator: temp data dirs, movable clocks, in-memory upload sources, dossier bodies.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DossierSubmission, PortalClient, UploadSource } from '../../electron/core/sync/portal-client';

export type MovableClock = { now(): number; shift: number };

/** Real time plus a shift the test can move forward. */
export function movableClock(): MovableClock {
  const clock = { shift: 0, now: () => Date.now() + clock.shift };
  return clock;
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-sim-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function bufferSource(buf: Buffer, counter?: { reads: number }): UploadSource {
  return {
    size: buf.length,
    read: (offset, length) => {
      if (counter) counter.reads += Math.min(length, buf.length - offset);
      return Promise.resolve(buf.subarray(offset, offset + length));
    },
  };
}

export function sha256Hex(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

export type TestFile = { name: string; bytes: Buffer; sha256: string };

export function randomFile(name: string, size: number): TestFile {
  const bytes = randomBytes(size);
  return { name, bytes, sha256: sha256Hex(bytes) };
}

export async function uploadAll(client: PortalClient, files: TestFile[]): Promise<void> {
  for (const f of files) {
    const result = await client.uploadFile({
      source: bufferSource(f.bytes),
      sha256: f.sha256,
      fileName: f.name,
      mime: 'application/pdf',
    });
    if (result.kind !== 'ok') throw new Error(`upload of ${f.name} failed: ${JSON.stringify(result)}`);
  }
}

const fileRef = (f: TestFile) => ({
  sha256: f.sha256,
  fileName: f.name,
  mime: 'application/pdf',
  size: f.bytes.length,
});

/**
 * A birth registration (1.001193, as the app ships it) filed online in the case "Có Giấy chứng sinh": the e-form and
 * the birth certificate, the two documents that case and mode require.
 */
export function birthRegistration(
  form: TestFile,
  certificate: TestFile,
  localCode = 'TN-0001',
): DossierSubmission {
  return {
    procedureCode: '1.001193',
    mode: 'online',
    localCode,
    applicant: { fullName: 'Nguyễn Thị Mai', idNumber: '001190012345', phone: '0912345678' },
    delivery: { method: 'counter' },
    feeVnd: 0,
    caseKey: 'co-giay-chung-sinh',
    appliedConditions: [],
    components: [
      { name: 'Tờ khai điện tử (biểu mẫu tương tác)', docKey: 'to-khai-dien-tu', files: [fileRef(form)] },
      { name: 'Giấy chứng sinh', docKey: 'giay-chung-sinh', files: [fileRef(certificate)] },
    ],
  };
}

/** Counts PATCH body bytes that actually left for the server (a request whose signal was already aborted sends none). */
export function countingFetch(counter: { patchBytes: number }): typeof fetch {
  return (input, init) => {
    if (init?.method === 'PATCH' && !init.signal?.aborted && init.body instanceof Uint8Array) {
      counter.patchBytes += init.body.length;
    }
    return fetch(input, init);
  };
}
