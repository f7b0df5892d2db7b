import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostProcess } from '/work/main/tests/support/web-host-process';
import { encodeWire } from '/work/main/electron/common/wire';
async function main() {
const dir = mkdtempSync(join(tmpdir(), 'probe-'));
const host = await startHostProcess(dir, ['--ocr-workers', '1']);
const t = new URL(host.url).searchParams.get('t') ?? '';
const ping = async () => { const t0 = Date.now(); await fetch(`${host.origin}/rpc/app.info`, { method: 'POST', headers: { 'x-host-token': t }, body: '{}' }); return Date.now() - t0; };
let m = 0; for (let i = 0; i < 40; i++) { m = Math.max(m, await ping()); await new Promise(r => setTimeout(r, 50)); }
console.log('baseline max', m);
const big = new Uint8Array(50 * 1024 * 1024 + 10);
const body = Buffer.from(encodeWire({ dossierId: 'x', componentId: 1, fileName: 'a.jpg', bytes: big }, { encode: (b) => Buffer.from(b).toString('base64'), decode: () => new Uint8Array() }));
let going = true; let worst = 0; const lat: number[] = [];
const p = (async () => { while (going) { const l = await ping(); lat.push(l); worst = Math.max(worst, l); await new Promise(r => setTimeout(r, 50)); } })();
const t0 = Date.now();
const { writeFileSync } = await import('node:fs'); const { spawn } = await import('node:child_process');
writeFileSync('/tmp/big-body.json', body);
await new Promise<void>((res) => { const c = spawn('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-H', `x-host-token: ${t}`, '-H', 'x-session: x', '--data-binary', '@/tmp/big-body.json', `${host.origin}/rpc/pages.add`]); c.stdout.on('data', (d) => console.log('curl', String(d))); c.on('exit', () => res()); });
console.log(Date.now() - t0);
going = false; await p; console.log('worst', worst, lat.join(','));
await host.stop();
}
main();
