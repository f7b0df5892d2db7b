// Test fixture: dossiers taken through the contract (generated citizens, one small scan per required slot), relogin after clock jumps.
import sharp from 'sharp';
import type { DossierDetail } from '../../electron/common/contract';
import { recordTransition } from '../../electron/core/dossiers/lifecycle';
import type { DossierStatus } from '../../electron/common/contract';
import { fakeCitizen, makeRng } from './fake-citizen';
import type { Harness } from './core-harness';
import { giveConsent } from './consent';

/** Fees in the shipped national catalog (online mode): 10.000 ₫ for land data, 0 ₫ for birth registration. */
export const LAND_DATA = '1.012789';
export const BIRTH = '1.001193';
export const SPORT_WEAPON = '3.000398';

let seed = 1;

export async function tinyJpeg(n: number): Promise<Uint8Array> {
  const raw = Buffer.alloc(40 * 56 * 3, 250);
  raw.writeUInt32LE(n, 0);
  return new Uint8Array(
    await sharp(raw, { raw: { width: 40, height: 56, channels: 3 } })
      .jpeg()
      .toBuffer(),
  );
}

export function applicantFor(n: number) {
  const c = fakeCitizen(makeRng(1000 + n));
  return {
    fullName: c.fullName,
    idNumber: c.idNumber,
    dateOfBirth: c.dateOfBirth,
    sex: c.sex,
    address: c.address,
    phone: `09${String(10_000_000 + n * 7919).slice(-8)}`,
    relationship: 'bản thân',
  };
}

/**
 * Creates a dossier, picks its case (the one given, else the first, when the procedure has cases), fills a generated
 * applicant, scans every slot the checklist then requires (unless told to skip) and sends it on.
 */
export async function takeDossier(
  h: Harness,
  token: string,
  opts: {
    procedureCode: string;
    mode?: 'online' | 'postal' | 'direct';
    skipScans?: boolean;
    overrideReason?: string;
    dueDate?: string;
    draft?: boolean;
    caseKey?: string;
  },
): Promise<DossierDetail> {
  const n = seed++;
  let d = await h.call<DossierDetail>('dossiers.create', token, {
    procedureCode: opts.procedureCode,
    ...(opts.mode ? { mode: opts.mode } : {}),
  });
  // the citizen's consent, as the agent records it at intake after reading the notice (needed for "ready")
  await giveConsent(h, token, d.id);
  const caseKey = opts.caseKey ?? d.cases[0]?.key;
  if (caseKey) {
    d = (await h.call<{ detail: DossierDetail }>('dossiers.setCase', token, { id: d.id, caseKey, version: d.version })).detail;
  }
  await h.call('dossiers.saveDraft', token, { id: d.id, applicant: applicantFor(n) });
  if (!opts.skipScans) {
    for (const c of d.components.filter((x) => x.required && x.kind === 'submit')) {
      await h.call('pages.add', token, {
        dossierId: d.id,
        componentId: c.id,
        fileName: `trang-${n}-${c.id}.jpg`,
        bytes: await tinyJpeg(n * 100 + c.id),
      });
    }
  }
  if (opts.draft) return h.call<DossierDetail>('dossiers.get', token, { id: d.id });
  return h.call<DossierDetail>('dossiers.markReady', token, {
    id: d.id,
    dueDate: opts.dueDate ?? '2026-11-27',
    ...(opts.overrideReason ? { overrideReason: opts.overrideReason } : {}),
  });
}

export type Tokens = { admin: string; agent: string; agent2: string; supervisor: string };

/** Sessions end after 15 idle minutes: tests that move the clock by days log everyone in again. */
export async function relogin(h: Harness): Promise<Tokens> {
  const login = async (username: string, password: string) =>
    (await h.call<{ token: string }>('auth.login', null, { username, password })).token;
  return {
    admin: await login('admin', 'quantri2026'),
    agent: await login('nv.lan', 'tiepnhan01'),
    agent2: await login('nv.hung', 'tiepnhan02'),
    supervisor: await login('ts.mai', 'kiemsoat01'),
  };
}

/**
 * Moves a dossier along the path the sync engine and the portal feed would (queued, submitting, submitted, then portal
 * statuses), through the same recordTransition they use. `at` may be a portal time earlier than now.
 */
export function advance(h: Harness, dossierId: string, path: DossierStatus[], at: number): void {
  const db = h.core.db;
  db.transaction(() => {
    for (const to of path) {
      const from = (
        db.$client.prepare('SELECT status FROM dossiers WHERE id = ?').get(dossierId) as {
          status: DossierStatus;
        }
      ).status;
      recordTransition(db, {
        dossierId,
        from,
        to,
        actorId: null,
        source: to === 'queued' || to === 'submitting' || to === 'submitted' ? 'sync' : 'portal',
        at,
      });
    }
  });
}
