// The tờ khai slot and the form filled in the app: online the confirmed data fills it, on paper the print of that very data does; the simulator applies the same rule.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierComponent, DossierDetail } from '../../electron/common/contract';
import { receivedDocuments } from '../../electron/core/documents/documents-service';
import { createHttpPortalClient } from '../../electron/core/sync/portal-client';
import { buildSubmission } from '../../electron/core/sync/submission';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import { setupOffice, startHarness, testClock, type Harness } from '../support/core-harness';
import { BIRTH, takeDossier, tinyJpeg, type Tokens } from '../support/review-fixtures';
import { movableClock, randomFile, tempDataDir, uploadAll } from '../support/portal-sim-fixtures';

const FORM = 'to-khai-khai-sinh';
const fixture = () => JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/forms/khai-sinh.json'), 'utf8')) as Record<string, Record<string, unknown>>;

let h: Harness;
let t: Tokens;

beforeAll(async () => {
  h = await startHarness({ clock: testClock(Date.parse('2026-12-02T02:00:00Z')), ocr: false });
  t = await setupOffice(h);
});
afterAll(async () => h.close());

const detail = (id: string) => h.call<DossierDetail>('dossiers.get', t.agent, { id });
const formSlot = (d: DossierDetail): DossierComponent => {
  const slot = d.components.find((c) => c.inChecklist && c.formId === FORM && c.required && c.kind === 'submit');
  if (!slot) throw new Error(`no ${FORM} slot in ${d.mode}`);
  return slot;
};
const storedFilled = (componentId: number) =>
  (h.core.db.$client.prepare('SELECT form_filled AS f FROM dossier_components WHERE id = ?').get(componentId) as { f: number }).f;

/** A birth registration with every required page scanned except the tờ khai's (the form in the app is to stand in for it). */
async function dossierWithoutForm(mode: 'online' | 'direct'): Promise<DossierDetail> {
  const d = await takeDossier(h, t.agent, { procedureCode: BIRTH, mode, draft: true, skipScans: true, caseKey: 'co-giay-chung-sinh' });
  for (const c of d.components.filter((x) => x.inChecklist && x.required && x.kind === 'submit' && x.formId === null)) {
    await h.call('pages.add', t.agent, { dossierId: d.id, componentId: c.id, fileName: `trang-${c.id}.jpg`, bytes: await tinyJpeg(c.id) });
  }
  return detail(d.id);
}

async function saveForm(id: string, data: Record<string, unknown>, confirmed: string[]) {
  return h.call<{ dossierVersion: number }>('forms.save', t.agent, {
    dossierId: id, formId: FORM, version: 1, data, sources: { 'mother.idNumber': { source: 'qr' } }, confirmed,
  });
}

describe('online: the e-form slot', () => {
  it('is missing until the form is complete and confirmed, then received without a page, listed on the receipt as data', async () => {
    const d = await dossierWithoutForm('online');
    expect(formSlot(d).formFill?.state).toBe('not_started');
    expect(d.missingRequired).toContain(formSlot(d).label ?? formSlot(d).name);

    const incomplete = { ...fixture(), child: { fullName: 'Trần Ngọc Ánh Dương' } };
    await saveForm(d.id, incomplete, []);
    expect(formSlot(await detail(d.id)).formFill?.state).toBe('incomplete');

    await saveForm(d.id, fixture(), []);
    const waiting = await detail(d.id);
    expect(formSlot(waiting).formFill?.state).toBe('unconfirmed');
    expect(waiting.missingRequired).toHaveLength(1);
    expect(storedFilled(formSlot(waiting).id)).toBe(0);

    await saveForm(d.id, fixture(), ['mother.idNumber']);
    const filled = await detail(d.id);
    expect(formSlot(filled).formFill?.state).toBe('filled');
    expect(filled.missingRequired).toEqual([]);
    expect(storedFilled(formSlot(filled).id)).toBe(1); // the reports and the review queue read this column
    expect(receivedDocuments(filled).find((c) => c.name === (formSlot(filled).label ?? formSlot(filled).name))).toMatchObject({ pageCount: 0, via: 'form_data' });

    // no override reason needed: nothing required is missing
    const ready = await h.call<DossierDetail>('dossiers.markReady', t.agent, { id: d.id, dueDate: '2026-12-09' });
    expect(ready.status).not.toBe('draft');
  });

  it('names the subject from the form only: the intake\'s separate field no longer overwrites the child\'s name', async () => {
    const d = await dossierWithoutForm('online');
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, subjectName: 'Bé Na' });
    expect((await detail(d.id)).subject).toMatchObject({ name: 'Bé Na', fromForm: false });
    await saveForm(d.id, fixture(), ['mother.idNumber']);
    expect((await detail(d.id)).subject).toMatchObject({ name: 'Trần Ngọc Ánh Dương', fromForm: true });
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, subjectName: 'Bé Na' });
    expect((await detail(d.id)).subject?.name).toBe('Trần Ngọc Ánh Dương');
  });
});

describe('direct: the paper tờ khai slot', () => {
  let d: DossierDetail;

  it('a complete, confirmed form still needs its print; the print fills the slot with who printed it and its pages', async () => {
    d = await dossierWithoutForm('direct');
    await saveForm(d.id, fixture(), ['mother.idNumber']);
    const confirmed = await detail(d.id);
    expect(formSlot(confirmed).formFill?.state).toBe('needs_print');
    expect(confirmed.missingRequired).toHaveLength(1);

    await h.call('forms.print', t.agent, { dossierId: d.id });
    const printed = await detail(d.id);
    const fill = formSlot(printed).formFill;
    expect(fill).toMatchObject({ state: 'printed', printedByName: 'Lê Thị Lan', printedAt: h.clock.now() });
    expect(fill?.printedPages).toBeGreaterThanOrEqual(1);
    expect(printed.missingRequired).toEqual([]);
    expect(storedFilled(formSlot(printed).id)).toBe(1);
    expect(receivedDocuments(printed).find((c) => c.via === 'form_print')?.pageCount).toBe(fill?.printedPages);
  });

  it('an edit after the print un-fills the slot until the form is printed again; going online needs no print', async () => {
    const edited = fixture();
    edited.child = { ...edited.child, timeOfBirth: '09:10' };
    await saveForm(d.id, edited, ['mother.idNumber']);
    const outdated = await detail(d.id);
    expect(formSlot(outdated).formFill?.state).toBe('print_outdated');
    expect(outdated.missingRequired).toHaveLength(1);
    expect(storedFilled(formSlot(outdated).id)).toBe(0);

    // the same data again (keys in another order) is what was printed: nothing to reprint
    const reordered = Object.fromEntries(Object.entries(fixture()).reverse());
    await saveForm(d.id, reordered, ['mother.idNumber']);
    expect(formSlot(await detail(d.id)).formFill?.state).toBe('printed');

    const now = await detail(d.id);
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, mode: 'online', expectedVersion: now.version });
    const online = await detail(d.id);
    expect(formSlot(online).formFill?.state).toBe('filled');
    expect(storedFilled(formSlot(online).id)).toBe(1);
  });
});

describe('the simulated portal takes the form for its slot', () => {
  let sim: PortalSimHandle;
  let simData: ReturnType<typeof tempDataDir>;
  const agent = { clientId: 'DL-HN-0042', clientSecret: 'bí-mật-42' };

  beforeAll(async () => {
    simData = tempDataDir();
    // the portal's clock is the app's: the form's dates are checked against the same "today"
    sim = await startPortalSim({ dataDir: simData.dir, clients: [agent], speed: 0, seed: 3, now: () => h.clock.now() });
  });
  afterAll(async () => {
    await sim.stop();
    simData.remove();
  });

  /** The app's submission of a dossier with its pages replaced by uploaded stand-ins (the simulator checks uploads). */
  async function submissionOf(id: string) {
    const client = createHttpPortalClient({ baseUrl: sim.url, ...agent, clock: movableClock() });
    const body = buildSubmission(h.core.db, id);
    const components = [];
    for (const c of body.components) {
      const files = c.files.map((f, i) => randomFile(`${c.name}-${i}.pdf`, 1_000 + i));
      await uploadAll(client, files);
      components.push({ ...c, files: files.map((f) => ({ sha256: f.sha256, fileName: f.name, mime: 'application/pdf', size: f.bytes.length })) });
    }
    return { client, body: { ...body, components } };
  }

  it('online: the data alone stands in for the e-form; without a valid form the slot is reported missing', async () => {
    const d = await dossierWithoutForm('online');
    await saveForm(d.id, fixture(), ['mother.idNumber']);
    const { client, body } = await submissionOf(d.id);
    expect(body.components.some((c) => c.docKey === 'to-khai-dien-tu')).toBe(false);
    expect(body.formData?.formId).toBe(FORM);
    const withoutForm = { ...body, formData: undefined };
    const refused = await client.submitDossier(`${d.id}-none`, withoutForm);
    expect(refused.kind === 'fix' ? refused.errors.map((e) => e.code) : refused.kind).toEqual(['component_missing']);
    expect(await client.submitDossier(`${d.id}-ok`, body)).toMatchObject({ kind: 'ok', value: { status: 'received' } });
  });

  it('direct: valid data is enough only with the print of exactly that data; a changed value after the print is refused', async () => {
    const d = await dossierWithoutForm('direct');
    await saveForm(d.id, fixture(), ['mother.idNumber']);
    const unprinted = await submissionOf(d.id);
    expect(unprinted.body.formData?.printed).toBeUndefined();
    const refused = await unprinted.client.submitDossier(`${d.id}-unprinted`, unprinted.body);
    expect(refused.kind === 'fix' ? refused.errors.map((e) => `${e.code} ${e.component ?? ''}`) : refused.kind).toEqual([
      expect.stringMatching(/^component_missing Tờ khai/),
    ]);

    await h.call('forms.print', t.agent, { dossierId: d.id });
    const { client, body } = await submissionOf(d.id);
    expect(body.formData?.printed?.dataHash).toMatch(/^[0-9a-f]{64}$/);
    const tampered = structuredClone(body);
    if (!tampered.formData) throw new Error('no form');
    tampered.formData.data = { ...tampered.formData.data, addressee: 'Ủy ban nhân dân xã Khác' };
    const mismatch = await client.submitDossier(`${d.id}-tampered`, tampered);
    expect(mismatch.kind === 'fix' ? mismatch.errors.map((e) => e.code) : mismatch.kind).toEqual(['component_missing']);
    expect(await client.submitDossier(`${d.id}-printed`, body)).toMatchObject({ kind: 'ok', value: { status: 'received' } });
  });
});
