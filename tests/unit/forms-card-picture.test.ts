// A parent's CCCD picture read into the form is kept only in an empty ID-card copy slot the checklist requires, and only for the applicant.
import { describe, expect, it } from 'vitest';
import type { DossierComponent } from '../../electron/common/contract';
import { idCardSlotForPerson } from '../../renderer/features/forms/card-picture';

type Slot = Pick<DossierComponent, 'id' | 'pageKind' | 'kind' | 'inChecklist' | 'required' | 'pages'>;
const slot = (over: Partial<Slot>): DossierComponent =>
  ({ id: 1, pageKind: 'id_card', kind: 'submit', inChecklist: true, required: true, pages: [], ...over }) as DossierComponent;

const MOTHER = '001195067890';
const FATHER = '001093012345';

describe('idCardSlotForPerson', () => {
  it('offers the required, empty ID-card copy slot when the card read is the applicant\'s (spaces in the number ignored)', () => {
    const copy = slot({ id: 7 });
    const found = idCardSlotForPerson({ components: [slot({ id: 3, pageKind: 'document' }), copy] }, MOTHER, '001 195 067890');
    expect(found?.id).toBe(7);
  });

  it('keeps nothing for another person than the applicant (the father\'s card in the mother\'s dossier)', () => {
    expect(idCardSlotForPerson({ components: [slot({})] }, FATHER, MOTHER)).toBeNull();
    expect(idCardSlotForPerson({ components: [slot({})] }, undefined, MOTHER)).toBeNull();
    expect(idCardSlotForPerson({ components: [slot({})] }, '0011950678', '0011950678')).toBeNull(); // not an ID
  });

  it('keeps nothing where the procedure asks for no copy: shown at the counter, optional, another case, or already scanned', () => {
    const none = [
      slot({ kind: 'show' }),
      slot({ required: false }),
      slot({ inChecklist: false }),
      slot({ pages: [{ id: 'p1' }] as DossierComponent['pages'] }),
    ];
    for (const s of none) expect(idCardSlotForPerson({ components: [s] }, MOTHER, MOTHER)).toBeNull();
  });
});
