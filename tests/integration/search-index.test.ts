// Accentless dossier search through the trigram index finds exactly what a plain substring match finds, and follows edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, DossierListItem } from '../../electron/common/contract';
import { foldVietnamese } from '../../electron/common/text';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { applicantFor, BIRTH, type Tokens } from '../support/review-fixtures';

let h: Harness;
let t: Tokens;
const made: { id: string; name: string; idNumber: string; code: string }[] = [];

beforeAll(async () => {
  h = await startHarness({ ocr: false });
  t = await setupOffice(h);
  for (let n = 0; n < 12; n++) {
    const d = await h.call<DossierDetail>('dossiers.create', t.agent, { procedureCode: BIRTH });
    const a = applicantFor(500 + n);
    await h.call('dossiers.saveDraft', t.agent, { id: d.id, applicant: a });
    made.push({ id: d.id, name: a.fullName, idNumber: a.idNumber, code: d.localCode });
  }
});
afterAll(async () => h.close());

async function search(text: string): Promise<string[]> {
  const r = await h.call<{ items: DossierListItem[] }>('dossiers.list', t.supervisor, { text, limit: 200 });
  return r.items.map((i) => i.id).sort();
}

function expected(text: string): string[] {
  const q = foldVietnamese(text);
  return made
    .filter(
      (m) => foldVietnamese(m.name).includes(q) || m.idNumber.includes(q) || m.code.toLowerCase().includes(q),
    )
    .map((m) => m.id)
    .sort();
}

describe('dossier search', () => {
  it('matches a plain substring search for names with and without accents, ID numbers and codes', async () => {
    const first = made[0];
    const second = made[5];
    if (!first || !second) throw new Error('no dossiers');
    const surname = first.name.split(' ')[0] ?? '';
    const queries = [
      first.name,
      foldVietnamese(first.name),
      foldVietnamese(second.name).split(' ').slice(1).join(' '),
      surname,
      foldVietnamese(surname),
      first.idNumber.slice(0, 6),
      second.idNumber.slice(-4),
      first.code.toLowerCase(),
      'dl001',
      'th', // two letters: below the trigram size, answered by LIKE
      'xyz khong co',
    ];
    for (const q of queries) expect(await search(q), q).toEqual(expected(q));
    expect(expected(first.name)).toContain(first.id);
  });

  it('takes LIKE wildcards typed by the user literally', async () => {
    expect(await search('100%')).toEqual([]);
    expect(await search('n_u')).toEqual([]);
  });

  it('follows an edited name', async () => {
    const target = made[3];
    if (!target) throw new Error('no dossier');
    const renamed = { ...applicantFor(503), fullName: 'Quách Thị Ngọc Diệp' };
    await h.call('dossiers.saveDraft', t.agent, { id: target.id, applicant: renamed });
    expect(await search('quach thi ngoc')).toEqual([target.id]);
    expect(await search(foldVietnamese(target.name))).not.toContain(target.id);
    const rows = h.core.db.$client.prepare('SELECT count(*) AS n FROM dossier_search').get() as { n: number };
    expect(rows.n).toBe(made.length);
  });
});
