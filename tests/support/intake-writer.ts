// Child process for the crash test: performs intake writes through the real router, printing an ACK after each one.
import sharp from 'sharp';
import { createAppCore } from '../../electron/core/app-core';
import { silentLogger } from '../../electron/core/logger';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';

const [dataDir = '', resourcesDir = ''] = process.argv.slice(2);
if (!dataDir || !resourcesDir) throw new Error('usage: intake-writer DATA_DIR RESOURCES_DIR');

function ack(line: string): void {
  process.stdout.write(`ACK ${line}\n`);
}

async function call<T>(
  core: Awaited<ReturnType<typeof createAppCore>>,
  name: string,
  session: string | null,
  input: unknown,
): Promise<T> {
  const r = await core.router.dispatch(name, session, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function main(): Promise<void> {
  const core = await createAppCore({ dataDir, resourcesDir, logger: silentLogger, ocr: false, vault: createDevKeyVault(dataDir) });
  const info = await call<{ setupRequired: boolean }>(core, 'app.info', null, {});
  let token: string;
  if (info.setupRequired) {
    const s = await call<{ token: string }>(core, 'setup.complete', null, {
      office: { code: 'DL001', name: 'Điểm bưu điện thử nghiệm', address: 'Số 1, phường Thử, Hà Nội' },
      admin: { username: 'admin', fullName: 'Quản trị viên', password: 'den-long-pho-co-2026' },
    });
    token = s.token;
  } else {
    token = (
      await call<{ token: string }>(core, 'auth.login', null, { username: 'admin', password: 'den-long-pho-co-2026' })
    ).token;
  }
  ack('ready');
  for (let i = 0; ; i++) {
    const d = await call<{ id: string; components: { id: number }[] }>(core, 'dossiers.create', token, {
      procedureCode: '1.001193',
    });
    ack(`dossier ${d.id}`);
    await call(core, 'dossiers.saveDraft', token, {
      id: d.id,
      applicant: { fullName: `Nguyễn Văn Thử ${i}`, address: 'Hà Nội' },
    });
    ack(`draft ${d.id} Nguyễn Văn Thử ${i}`);
    const comp = d.components[0];
    if (!comp) continue;
    const pixels = Buffer.alloc(64 * 64 * 3, i % 251);
    pixels.writeUInt32LE(Date.now() % 2 ** 32, 0);
    pixels.writeUInt32LE(i, 4);
    const jpeg = await sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } })
      .jpeg()
      .toBuffer();
    const added = await call<{ pages: { id: string }[] }>(core, 'pages.add', token, {
      dossierId: d.id,
      componentId: comp.id,
      fileName: `trang-${i}.jpg`,
      bytes: new Uint8Array(jpeg),
    });
    for (const p of added.pages) ack(`page ${d.id} ${p.id}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
