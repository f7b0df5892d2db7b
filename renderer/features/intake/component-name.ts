// Catalog component names run to whole sentences: the counter label when there is one, and a short first clause.
import type { DossierComponent } from '../../../electron/common/contract';

export function shortComponentName(name: string, max = 70): string {
  const first = name.split(/[(;,.]/)[0]?.trim() || name;
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/** the name the counter uses for a slot: its short label, else the catalog's name */
export function slotLabel(c: Pick<DossierComponent, 'label' | 'name'>): string {
  return c.label?.trim() || c.name;
}
