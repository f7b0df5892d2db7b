// Requirements follow the filing mode: birth registration (1.001193) needs the paper form at the counter, the e-form online.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierComponent, DossierDetail } from '../../electron/common/contract';
import { formatErrorMessage } from '../../electron/common/errors';
import type { Dashboard, Figure } from '../../electron/common/report-contract';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { applicantFor, BIRTH, tinyJpeg } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

let h: Harness;
let tokens: Awaited<ReturnType<typeof setupOffice>>;

// slots by catalog key (curated profile of 1.001193, case "Có Giấy chứng sinh")
const birthCertificate = (c: DossierComponent) => c.kind === 'submit' && c.docKey === 'giay-chung-sinh';
const paperForm = (c: DossierComponent) => c.docKey === 'to-khai';
const eForm = (c: DossierComponent) => c.docKey === 'to-khai-dien-tu';
const counterId = (c: DossierComponent) => c.kind === 'show' && c.pageKind === 'id_card';
const label = (c: DossierComponent) => c.label ?? c.name;

function one(d: DossierDetail, pick: (c: DossierComponent) => boolean): DossierComponent {
  const found = d.components.filter(pick);
  expect(found).toHaveLength(1);
  return found[0] as DossierComponent;
}

const get = (id: string) => h.call<DossierDetail>('dossiers.get', tokens.agent, { id });

async function newBirthDossier(mode: 'online' | 'direct', n: number): Promise<DossierDetail> {
  const d = await h.call<DossierDetail>('dossiers.create', tokens.agent, { procedureCode: BIRTH, mode });
  await h.call('dossiers.setCase', tokens.agent, { id: d.id, caseKey: 'co-giay-chung-sinh', version: d.version });
  await h.call('dossiers.saveDraft', tokens.agent, { id: d.id, applicant: applicantFor(n) });
  return get(d.id);
}

async function scan(d: DossierDetail, pick: (c: DossierComponent) => boolean, n: number): Promise<void> {
  const c = one(d, pick);
  await h.call('pages.add', tokens.agent, {
    dossierId: d.id,
    componentId: c.id,
    fileName: `trang-${n}.jpg`,
    bytes: await tinyJpeg(n),
  });
}

async function expectMissing(d: DossierDetail, names: string[]): Promise<void> {
  const err = await h.fail('dossiers.markReady', tokens.agent, { id: d.id, dueDate: '2026-11-27' });
  expect(err.code).toBe('MISSING_COMPONENTS');
  expect(err.message).toBe(formatErrorMessage('MISSING_COMPONENTS', { names }));
}

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  tokens = await setupOffice(h);
});
afterAll(async () => h.close());

describe('birth registration by filing mode', () => {
  let draft: DossierDetail;

  it('online: the e-form is required, the paper form and the ID shown at the counter are not', async () => {
    draft = await newBirthDossier('online', 1);
    expect(one(draft, eForm)).toMatchObject({ required: true, onlyModes: ['online'] });
    expect(one(draft, paperForm)).toMatchObject({ required: false, onlyModes: ['postal', 'direct'], requirement: 'not_applicable' });
    expect(one(draft, counterId)).toMatchObject({ required: false, onlyModes: ['direct'] });
    expect(one(draft, birthCertificate)).toMatchObject({ required: true, onlyModes: null });
    const names = [label(one(draft, eForm)), label(one(draft, birthCertificate))];
    expect(draft.missingRequired).toEqual(names);
    await expectMissing(draft, names);
  });

  it('switching the draft to counter filing swaps them at once', async () => {
    await h.call('dossiers.saveDraft', tokens.agent, { id: draft.id, mode: 'direct' });
    const direct = await get(draft.id);
    expect(direct.mode).toBe('direct');
    expect(one(direct, paperForm).required).toBe(true);
    expect(one(direct, eForm).required).toBe(false);
    expect(one(direct, counterId).required).toBe(true);
    const names = [label(one(direct, paperForm)), label(one(direct, birthCertificate))];
    expect(direct.missingRequired).toEqual(names);
    await expectMissing(direct, names);
  });

  it('a counter dossier with the birth certificate and the paper form is ready without a reason', async () => {
    const d = await get(draft.id);
    await scan(d, birthCertificate, 11);
    await scan(d, paperForm, 12);
    await giveConsent(h, tokens.agent, d.id);
    const ready = await h.call<DossierDetail>('dossiers.markReady', tokens.agent, {
      id: d.id,
      dueDate: '2026-11-27',
    });
    expect(ready.status).toBe('ready');
    expect(ready.readyOverrideReason).toBeNull();
  });

  it('an online dossier with the birth certificate and the e-form is ready, no paper form asked for', async () => {
    const d = await newBirthDossier('online', 2);
    await scan(d, birthCertificate, 21);
    await scan(d, eForm, 22);
    await giveConsent(h, tokens.agent, d.id);
    const ready = await h.call<DossierDetail>('dossiers.markReady', tokens.agent, {
      id: d.id,
      dueDate: '2026-11-27',
    });
    expect(ready.status).toBe('ready');
    expect(ready.missingRequired).toEqual([]);
  });
});

describe('the dashboard counts what each dossier’s mode requires', () => {
  const count = (figs: Figure[], bucket: string) => figs.find((f) => f.bucket === bucket)?.count;

  it('digitisation and missing scans agree with the dossiers’ own checklists', async () => {
    // online, only the birth certificate scanned: the e-form is missing, passed on with a reason
    const partial = await newBirthDossier('online', 3);
    await scan(partial, birthCertificate, 31);
    await giveConsent(h, tokens.agent, partial.id);
    await h.call('dossiers.markReady', tokens.agent, {
      id: partial.id,
      dueDate: '2026-11-27',
      overrideReason: 'Công dân khai mẫu điện tử sau',
    });

    const x = await h.call<Dashboard>('reports.dashboard', tokens.supervisor, {});
    const list = await h.call<{ items: { id: string }[] }>('dossiers.list', tokens.supervisor, {
      limit: 50,
      offset: 0,
    });
    const details = await Promise.all(
      list.items.map((i) => h.call<DossierDetail>('dossiers.get', tokens.supervisor, { id: i.id })),
    );
    const filed = details.filter((d) => d.status !== 'draft');
    const required = filed.flatMap((d) => d.components.filter((c) => c.required && c.kind === 'submit'));
    expect(filed).toHaveLength(3);
    // 2 required per dossier in its own mode; counting the record's flag alone would give 3 each
    expect(x.indicators.digitisation).toMatchObject({
      denominator: required.length,
      numerator: required.filter((c) => c.pages.length > 0).length,
    });
    expect(x.indicators.digitisation).toMatchObject({ denominator: 6, numerator: 5 });
    expect(count(x.period, 'period.missingScans')).toBe(
      filed.filter((d) => d.missingRequired.length > 0).length,
    );
    expect(count(x.period, 'period.missingScans')).toBe(1);
  });
});
