// CLI: back up a data folder (the app may be running on it), or verify a backup byte for byte with the passphrase.
// Usage: npm run backup -- --data DIR --out DIR [--keep N] [--passphrase-file F]
//        npm run backup -- --verify FILE [--passphrase-file F]      (or DVC_BACKUP_PASSPHRASE, or asked)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackup, verifyBackup } from '../electron/core/backup/backup-reader';
import { backupDataFolder } from '../electron/core/backup/data-folder-tools';
import { createDevKeyVault } from '../electron/core/crypto/dev-key-vault';
import { systemClock } from '../electron/core/ports';
import { createDevSecrets } from '../electron/core/sync/dev-secrets';
import { failAndExit, megabytes, readPassphrase } from './backup-cli-args';

const usage = `Cách dùng:
  npm run backup -- --data THƯ_MỤC_DỮ_LIỆU --out THƯ_MỤC_SAO_LƯU [--keep N] [--passphrase-file TỆP]
  npm run backup -- --verify TỆP.dvcbak [--passphrase-file TỆP]
Thư mục dữ liệu của máy chủ web (khoá phát triển trong thư mục); ứng dụng Electron tự sao lưu theo lịch.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'string' },
      verify: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
  });
  if (values.verify) {
    const passphrase = await readPassphrase(values['passphrase-file'], true);
    if (!passphrase) throw new Error(usage);
    const started = Date.now();
    const backup = await openBackup(resolve(values.verify), passphrase);
    const work = mkdtempSync(join(tmpdir(), 'dvc-verify-'));
    try {
      const report = await verifyBackup(backup, work);
      console.log(
        `Bản sao lưu nguyên vẹn: ${report.facts.dossiers} hồ sơ, ${report.facts.pages} trang, ${report.blobs} tệp trang (${megabytes(report.bytes)}), kiểm tra trong ${((Date.now() - started) / 1000).toFixed(1)} giây.`,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return;
  }
  if (!values.data || !values.out) throw new Error(usage);
  const dataDir = resolve(values.data);
  const passphrase = values['passphrase-file'] ? await readPassphrase(values['passphrase-file'], false) : null;
  let last = '';
  const result = await backupDataFolder({
    dataDir,
    folder: resolve(values.out),
    vault: createDevKeyVault(dataDir),
    secrets: createDevSecrets(dataDir),
    clock: systemClock,
    ...(values.keep ? { keepLast: Number(values.keep) } : {}),
    ...(passphrase ? { passphrase } : {}),
    onProgress: (p) => {
      const line = `${p.phase} ${p.done}/${p.total}`;
      if (line !== last && process.stderr.isTTY) process.stderr.write(`\r${line}   `);
      last = line;
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`Đã sao lưu: ${result.file}`);
  console.log(
    `${result.dossiers} hồ sơ, ${result.pages} trang; tệp trang mới ${result.objectsWritten}, dùng lại ${result.objectsReused}; ghi ${megabytes(result.bytesWritten)} (cả bản: ${megabytes(result.bytesTotal)}) trong ${(result.durationMs / 1000).toFixed(1)} giây.`,
  );
  if (result.missing > 0) console.log(`Cảnh báo: ${result.missing} tệp trang không có trên máy này nên không được sao lưu.`);
  if (result.removedSnapshots > 0) console.log(`Đã xoá ${result.removedSnapshots} bản sao lưu cũ (giữ theo cài đặt).`);
}

main().catch(failAndExit);
