// A dossier's slot rows read as checklist items: in the checklist or not, what the mode asks, must it be there.
import type { dossierComponents, dossiers } from '../../../db/schema';
import { requirements, type Requirement } from '../../common/catalog';
import { mustHave, requirementIn, type EffectiveRequirement } from '../../common/checklist';
import { decodeOnlyModes } from '../../common/component-modes';
import type { FilingMode } from '../../common/contract';

export type DossierRow = typeof dossiers.$inferSelect;
export type ComponentRow = typeof dossierComponents.$inferSelect;

/** the always-present optional slot; pages of slots that leave the checklist (case change) land here */
export const OTHER_DOC_KEY = 'other';
export const OTHER_NAME = 'Giấy tờ khác';

export function parseRequirementByMode(json: string | null): Partial<Record<FilingMode, Requirement>> | null {
  if (json === null || json === '') return null;
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return null;
    const out: Partial<Record<FilingMode, Requirement>> = {};
    for (const mode of ['online', 'postal', 'direct'] as const) {
      const r = (value as Record<string, unknown>)[mode];
      if (typeof r === 'string' && (requirements as readonly string[]).includes(r))
        out[mode] = r as Requirement;
    }
    return Object.keys(out).length > 0 ? out : null;
  } catch {
    return null;
  }
}

/** common to every case, or of the case the dossier is filed under */
export function inChecklist(c: Pick<ComponentRow, 'caseKey'>, dossierCase: string | null): boolean {
  return c.caseKey === null || c.caseKey === dossierCase;
}

/** what the dossier's filing mode asks of the slot (slots made before 0008 keep their wording's only_modes) */
export function requirementOfRow(
  c: Pick<ComponentRow, 'requirement' | 'onlyModes' | 'requirementByMode'>,
  mode: FilingMode,
): EffectiveRequirement {
  return requirementIn(
    {
      requirement: c.requirement,
      onlyModes: decodeOnlyModes(c.onlyModes),
      requirementByMode: parseRequirementByMode(c.requirementByMode),
    },
    mode,
  );
}

/**
 * Must the slot hold pages before the dossier is ready: in the checklist, and required in this mode, or conditional
 * with the agent's "áp dụng". An unanswered conditional document counts as not applying (see docs in ready-check.ts).
 */
export function mustHaveRow(c: ComponentRow, mode: FilingMode, dossierCase: string | null): boolean {
  return inChecklist(c, dossierCase) && mustHave(requirementOfRow(c, mode), c.applies);
}

/** the name the counter uses: the short label when the catalog has one */
export function counterLabel(c: Pick<ComponentRow, 'label' | 'name'>): string {
  return c.label?.trim() || c.name;
}

/** the cases the dossier's checklist was made with, in counter order */
export function caseKeysOf(rows: readonly Pick<ComponentRow, 'caseKey' | 'ord'>[]): string[] {
  const keys: string[] = [];
  for (const r of [...rows].sort((a, b) => a.ord - b.ord)) {
    if (r.caseKey !== null && !keys.includes(r.caseKey)) keys.push(r.caseKey);
  }
  return keys;
}
