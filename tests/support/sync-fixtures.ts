// Sync test helpers: the bench's seeding (app database, agent, procedure, queued dossiers) and a polling wait.
export { AGENT_ID, PROCEDURE, openApp, outboxCounts, seedDossiers } from '../../scripts/bench/sync-seed';
export type { AppFixture, OutboxCounts, SeedOptions, SeededDossier } from '../../scripts/bench/sync-seed';

export async function waitUntil(check: () => boolean, timeoutMs: number, stepMs = 200): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return check();
}
