// Catalog component names run to whole sentences; messages about a slot quote just its first clause.

export function shortComponentName(name: string, max = 70): string {
  const first = name.split(/[(;,.]/)[0]?.trim() || name;
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
