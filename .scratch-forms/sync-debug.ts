import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { decodeWire, encodeWire } from '../electron/common/wire';
import { startPortalSim } from '../scripts/portal-sim/server';
import { startHostProcess } from '../tests/support/web-host-process';
await (async () => {
  const work = mkdtempSync(join(tmpdir(), 'dbg-'));
  const host = await startHostProcess(join(work, 'app'), ['--sync-probe-ms', '800', '--sync-interval-ms', '1500']);
  let err = '';
  host.child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  host.child.stdout?.on('data', (c: Buffer) => (err += c.toString()));
  const rpc = async (name: string, session: string | null, input: unknown) => {
    const url = new URL(host.url);
    const res = await fetch(`${host.origin}/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-host-token': url.searchParams.get('t') ?? '', 'x-session': session ?? '' }, body: encodeWire(input) });
    return decodeWire(await res.text()) as { ok: boolean; value: { token: string }; error?: unknown };
  };
  const admin = (await rpc('setup.complete', null, { office: { code: 'DL-HN-0042', name: 'X', address: 'Y' }, admin: { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'dong-lua-vang-2026' } })).value.token;
  const sim = await startPortalSim({ port: 47811, dataDir: join(work, 'portal'), speed: 0, seed: 5, clients: [{ clientId: 'DL-HN-0042', clientSecret: 'dev-secret' }] });
  try { console.log(JSON.stringify(await rpc('sync.configure', admin, { portalUrl: 'http://127.0.0.1:47811', agentCode: 'DL-HN-0042', secret: 'dev-secret' }))); } catch (e) { console.log('ERR', e); }
  await new Promise((r) => setTimeout(r, 1000));
  console.log('HOST OUTPUT:', err.slice(-3000), 'exit', host.child.exitCode);
  await host.stop(); await sim.stop();
})();
