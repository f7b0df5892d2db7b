// The appointment printed on the citizen's receipt stands when a returned dossier is made ready again, unless it passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../electron/common/contract';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { BIRTH, LAND_DATA, relogin, takeDossier, type Tokens } from '../support/review-fixtures';
import { giveConsent } from '../support/consent';

let h: Harness;
let t: Tokens;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness();
  t = await setupOffice(h);
  await h.call('settings.update', t.admin, { approvalPolicy: 'all' });
});
afterAll(async () => h.close());

async function sendBack(d: DossierDetail): Promise<DossierDetail> {
  return h.call<DossierDetail>('review.return', t.supervisor, { id: d.id, reason: 'Ảnh giấy chứng sinh bị mờ, quét lại giúp.' });
}

describe('due date of a dossier made ready again', () => {
  it('keeps the date the citizen was given, though the procedure has no computable deadline', async () => {
    const d = await takeDossier(h, t.agent, { procedureCode: BIRTH, dueDate: '2026-11-27' });
    expect(d.status).toBe('awaiting_review');
    expect((await sendBack(d)).status).toBe('returned');
    h.clock.advance(2 * DAY);
    t = await relogin(h);
    // birth registration's deadline is "1 OTHER": without the kept date core would ask for one (DUE_DATE_REQUIRED)
    await giveConsent(h, t.agent, d.id);
    const again = await h.call<DossierDetail>('dossiers.markReady', t.agent, { id: d.id });
    expect(again.dueDate).toBe('2026-11-27');
  });

  it('a date the agent types replaces it; a date already passed is not kept', async () => {
    const d = await takeDossier(h, t.agent, { procedureCode: LAND_DATA, dueDate: '2026-11-25' });
    await sendBack(d);
    await giveConsent(h, t.agent, d.id);
    const retyped = await h.call<DossierDetail>('dossiers.markReady', t.agent, { id: d.id, dueDate: '2026-12-04' });
    expect(retyped.dueDate).toBe('2026-12-04');
    await sendBack(retyped);
    h.clock.advance(20 * DAY);
    t = await relogin(h);
    await giveConsent(h, t.agent, d.id);
    const late = await h.call<DossierDetail>('dossiers.markReady', t.agent, { id: d.id });
    expect(late.dueDate).not.toBe('2026-12-04');
    expect(late.dueDate).toBe(late.suggestedDueDate);
    expect(late.dueDate !== null && late.dueDate > '2026-12-04').toBe(true);
  });
});
