import { readFileSync } from 'node:fs';
import { createInspectThread } from './electron/core/files/inspect-thread';
import { makeBombFiles } from './tests/support/make-bad-files';
import { twoPagePdf } from './tests/support/make-page-files';
const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const which = Number(process.argv[2]);
const bomb = makeBombFiles()[which]!;
const t = createInspectThread({ entry: `${process.cwd()}/dist-electron/workers/inspect-worker.cjs`, execArgv: [] });
await t.inspect(await twoPagePdf()); // warm: pdf.js and sharp loaded in the thread
const before = hwm(); const s = Date.now();
try { await t.inspect(bomb); console.log(bomb.name, 'ACCEPTED'); } catch (e) { console.log(`${bomb.name} (${Math.round(bomb.bytes.length/1024)} KB): refused in ${Date.now() - s} ms, peak RSS ${before.toFixed(0)} -> ${hwm().toFixed(0)} MB: ${(e as Error).message.slice(0, 120)}`); }
await t.close();
