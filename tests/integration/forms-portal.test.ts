// The simulated portal checks the submitted e-form with the app's validator: 422 with formData.data.<path> and Vietnamese messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFieldOfPortalPath } from '../../electron/common/forms/form-paths';
import { createHttpPortalClient, type PortalClient } from '../../electron/core/sync/portal-client';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import { birthRegistration, movableClock, randomFile, tempDataDir, uploadAll } from '../support/portal-sim-fixtures';

const agent = { clientId: 'DL-HN-0042', clientSecret: 'bí-mật-42' };
let data: ReturnType<typeof tempDataDir>;
let sim: PortalSimHandle;
let client: PortalClient;

/** A complete khai sinh e-form, dated in the past whatever the machine's clock says. */
function birthForm(childBorn: string, declared: string): Record<string, unknown> {
  const home = { detail: 'Số 8 phố Chùa Láng', communeCode: '00199', provinceCode: '01' };
  return {
    addressee: 'Ủy ban nhân dân phường Láng',
    requester: { fullName: 'Nguyễn Thị Mai', residence: home, idNumber: '001190012345', relationship: 'Mẹ' },
    child: {
      fullName: 'Nguyễn Minh An', dateOfBirth: childBorn, sex: 'male', ethnicity: 'Kinh', nationality: 'Việt Nam',
      placeOfBirth: { detail: 'Bệnh viện Phụ sản Hà Nội', communeCode: '00199', provinceCode: '01' },
      hometown: { text: 'Xã Liên Bạt, Hà Nội' },
    },
    mother: { fullName: 'Nguyễn Thị Mai', dateOfBirth: '1990', ethnicity: 'Kinh', nationality: 'Việt Nam', idNumber: '001190012345', residence: home },
    signing: { place: 'Phường Láng, Thành phố Hà Nội', date: declared },
  };
}

beforeAll(async () => {
  data = tempDataDir();
  const clock = movableClock();
  sim = await startPortalSim({ dataDir: data.dir, clients: [agent], speed: 0, seed: 7, now: () => clock.now() });
  client = createHttpPortalClient({ baseUrl: sim.url, ...agent, clock: movableClock() });
});
afterAll(async () => {
  await sim.stop();
  data.remove();
});

describe('formData in POST /dossiers', () => {
  it('answers 422 on the child\'s birth date when it is after the registration date, and takes the fixed form', async () => {
    const form = randomFile('to-khai.pdf', 4_000);
    const cert = randomFile('chung-sinh.pdf', 4_000);
    await uploadAll(client, [form, cert]);
    const body = birthRegistration(form, cert);
    const wrong = { ...body, formData: { formId: 'to-khai-khai-sinh', version: 1, data: birthForm('2025-03-21', '2025-03-20') } };
    const refused = await client.submitDossier('form-422', wrong);
    if (refused.kind !== 'fix') throw new Error(JSON.stringify(refused));
    expect(refused.status).toBe(422);
    expect(refused.errors).toEqual([
      {
        path: 'formData.data.child.dateOfBirth',
        code: 'form_invalid',
        message: 'Ngày sinh của trẻ sau ngày làm tờ khai. Hãy kiểm tra lại ngày sinh hoặc ngày làm tờ khai.',
      },
    ]);
    // the app puts the message on that field of the intake form
    expect(formFieldOfPortalPath(refused.errors[0]?.path ?? '')).toBe('child.dateOfBirth');
    const fixed = { ...body, formData: { formId: 'to-khai-khai-sinh', version: 1, data: birthForm('2025-03-10', '2025-03-20') } };
    expect(await client.submitDossier('form-422', fixed)).toMatchObject({ kind: 'ok', value: { status: 'received' } });
  });

  it('refuses an unknown form, an old schema version and a form of another procedure', async () => {
    const form = randomFile('a.pdf', 2_000);
    const cert = randomFile('b.pdf', 2_000);
    await uploadAll(client, [form, cert]);
    const body = birthRegistration(form, cert, 'TN-0002');
    const data = birthForm('2025-03-10', '2025-03-20');
    const answer = async (key: string, formData: { formId: string; version: number; data: Record<string, unknown> }) => {
      const r = await client.submitDossier(key, { ...body, formData });
      return r.kind === 'fix' ? r.errors.map((e) => `${e.path} ${e.code}`) : r.kind;
    };
    expect(await answer('f1', { formId: 'to-khai-la', version: 1, data })).toEqual(['formData.formId unknown_form']);
    expect(await answer('f2', { formId: 'to-khai-khai-sinh', version: 9, data })).toEqual(['formData.version form_version']);
    expect(await answer('f3', { formId: 'to-khai-ket-hon', version: 1, data })).toEqual(['formData.formId form_mismatch']);
  });
});
