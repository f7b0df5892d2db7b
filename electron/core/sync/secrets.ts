// The Secrets port (portal credentials) and the helpers that read and write the portal client id / secret through it.
export type Secrets = {
  get(name: string): Promise<string | null>;
  set(name: string, value: string | null): Promise<void>;
};

export const PORTAL_CLIENT_ID = 'portal.clientId';
export const PORTAL_CLIENT_SECRET = 'portal.clientSecret';

export type PortalCredentials = { clientId: string; clientSecret: string };

/** null until both the agent code and the secret are set (the engine then stays off and says so). */
export async function readPortalCredentials(secrets: Secrets): Promise<PortalCredentials | null> {
  const [clientId, clientSecret] = await Promise.all([
    secrets.get(PORTAL_CLIENT_ID),
    secrets.get(PORTAL_CLIENT_SECRET),
  ]);
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

export async function writePortalCredentials(secrets: Secrets, c: PortalCredentials | null): Promise<void> {
  await secrets.set(PORTAL_CLIENT_ID, c?.clientId ?? null);
  await secrets.set(PORTAL_CLIENT_SECRET, c?.clientSecret ?? null);
}
