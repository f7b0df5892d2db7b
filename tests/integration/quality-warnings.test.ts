// The quality gate as the agent meets it: warnings on each page in Vietnamese, numbered and sided as the page is shown
// now, and "keep it anyway" recorded with who and when, refused where there is nothing to keep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, Page } from '../../electron/common/contract';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { makeQualityCases } from '../support/make-quality-pages';
import { BIRTH, type Tokens } from '../support/review-fixtures';

let h: Harness;
let t: Tokens;
let dossier: DossierDetail;
const bytesOf: Record<string, Uint8Array> = {};

async function add(name: string): Promise<Page> {
  const comp = dossier.components[0];
  const bytes = bytesOf[name];
  if (!comp || !bytes) throw new Error(`no ${name}`);
  const added = await h.call<{ pages: Page[] }>('pages.add', t.agent, { dossierId: dossier.id, componentId: comp.id, fileName: `${name}.jpg`, bytes });
  const page = added.pages[0];
  if (!page) throw new Error('no page');
  return page;
}

async function shown(pageId: string, token = t.agent): Promise<Page> {
  const d = await h.call<DossierDetail>('dossiers.get', token, { id: dossier.id });
  const page = d.components.flatMap((c) => c.pages).find((p) => p.id === pageId);
  if (!page) throw new Error('page not shown');
  return page;
}

const auditRows = () =>
  h.core.db.$client.prepare("SELECT actor_id, entity_id, details FROM audit_log WHERE action = 'page.accept_quality'").all() as {
    actor_id: string;
    entity_id: string;
    details: string;
  }[];

beforeAll(async () => {
  for (const c of await makeQualityCases(7, ['clean', 'cut-left', 'blurry'])) bytesOf[c.name] = c.bytes;
  h = await startHarness();
  t = await setupOffice(h);
  dossier = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: BIRTH });
}, 120_000);

afterAll(async () => {
  await h.close();
});

describe('quality warnings on pages', () => {
  let clean: Page;
  let cut: Page;

  it('shows each warning in Vietnamese with the page number, and none on a good page', async () => {
    clean = await add('clean');
    cut = await add('cut-left');
    expect(clean.qualityWarnings).toEqual([]);
    expect(cut.qualityWarnings).toEqual([
      { code: 'cut_off', edges: ['left'], message: 'Trang 2 bị mất nội dung ở mép trái, hãy đặt lại giấy và quét lại cho đầy đủ.' },
    ]);
    expect(cut.qualityAccepted).toBeNull();
    const blurry = await add('blurry');
    expect(blurry.qualityWarnings?.map((w) => w.message)).toEqual(['Trang 3 bị mờ, hãy quét lại.']);
  });

  it('numbers the warning with the page place after a move, and names the side as seen after a turn', async () => {
    await h.call('pages.move', t.agent, { pageId: cut.id, toIndex: 0 });
    expect((await shown(cut.id)).qualityWarnings?.[0]?.message).toMatch(/^Trang 1 bị mất nội dung ở mép trái/);
    const turned = await h.call<Page>('pages.rotate', t.agent, { pageId: cut.id, clockwise: true });
    expect(turned.qualityWarnings?.[0]).toMatchObject({ edges: ['top'], message: expect.stringMatching(/ở mép trên,/) as unknown });
    await h.call('pages.rotate', t.agent, { pageId: cut.id, clockwise: false });
    expect((await shown(cut.id)).qualityWarnings?.[0]?.edges).toEqual(['left']);
  });

  it('refuses to "keep" a page without warnings, changing nothing', async () => {
    const before = auditRows().length;
    const err = await h.fail('pages.acceptQuality', t.agent, { pageId: clean.id });
    expect(err.code).toBe('NO_QUALITY_WARNINGS');
    expect(err.message).toBe('Trang này không có cảnh báo chất lượng nào cần xác nhận.');
    expect((await shown(clean.id)).qualityAccepted).toBeNull();
    expect(auditRows()).toHaveLength(before);
  });

  it('another agent cannot keep it for the owner', async () => {
    const err = await h.fail('pages.acceptQuality', t.agent2, { pageId: cut.id });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(err.code);
    expect((await shown(cut.id)).qualityAccepted).toBeNull();
  });

  it('records who kept the page and when; the warning stays visible to the supervisor; keeping twice keeps the first', async () => {
    const at = h.clock.now();
    const kept = await h.call<Page>('pages.acceptQuality', t.agent, { pageId: cut.id });
    expect(kept.qualityAccepted).toEqual({ byName: 'Lê Thị Lan', at });
    expect(kept.qualityWarnings?.map((w) => w.code)).toEqual(['cut_off']);
    const rows = auditRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.entity_id).toBe(dossier.id);
    expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({ page: cut.id, warnings: ['cut_off'] });

    h.clock.advance(60_000);
    const again = await h.call<Page>('pages.acceptQuality', t.agent, { pageId: cut.id });
    expect(again.qualityAccepted).toEqual({ byName: 'Lê Thị Lan', at });
    expect(auditRows()).toHaveLength(1);

    const seen = await shown(cut.id, t.supervisor);
    expect(seen.qualityAccepted).toEqual({ byName: 'Lê Thị Lan', at });
    expect(seen.qualityWarnings?.[0]?.code).toBe('cut_off');
  });
});
