// The web host's development credential file: round-trips values, says it is not encrypted, readable only by its owner.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDevSecrets, DEV_SECRETS_FILE } from '../../electron/core/sync/dev-secrets';
import { readPortalCredentials, writePortalCredentials } from '../../electron/core/sync/secrets';

const dir = mkdtempSync(join(tmpdir(), 'dvc-dev-secrets-'));
afterEach(() => rmSync(join(dir, DEV_SECRETS_FILE), { force: true }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('development secrets file', () => {
  it('stores portal credentials under a name that says what it is', async () => {
    const secrets = createDevSecrets(dir);
    expect(await readPortalCredentials(secrets)).toBeNull();
    await writePortalCredentials(secrets, { clientId: 'DL-DEV-001', clientSecret: 'bí-mật' });
    // a second instance (a restart) reads the same values
    expect(await readPortalCredentials(createDevSecrets(dir))).toEqual({
      clientId: 'DL-DEV-001',
      clientSecret: 'bí-mật',
    });
    expect(DEV_SECRETS_FILE).toMatch(/\.dev\.json$/);
    const text = readFileSync(join(dir, DEV_SECRETS_FILE), 'utf8');
    expect(text).toMatch(/NOT ENCRYPTED/);
    if (process.platform !== 'win32') expect(statSync(join(dir, DEV_SECRETS_FILE)).mode & 0o777).toBe(0o600);
    await writePortalCredentials(secrets, null);
    expect(await readPortalCredentials(secrets)).toBeNull();
  });

  it('does not lose one of two quick writes', async () => {
    const secrets = createDevSecrets(dir);
    await Promise.all([secrets.set('a', '1'), secrets.set('b', '2'), secrets.set('c', '3')]);
    expect([await secrets.get('a'), await secrets.get('b'), await secrets.get('c')]).toEqual(['1', '2', '3']);
  });
});
