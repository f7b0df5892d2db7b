// CLI: restore a backup into a data folder the app is not running on (a new PC, a support desk).
// Usage: npm run restore -- --from FILE.dvcbak --data DIR [--passphrase-file F] [--confirm-loss]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreDataFolder } from '../electron/core/backup/data-folder-tools';
import { createDevKeyVault } from '../electron/core/crypto/dev-key-vault';
import { createLogger } from '../electron/core/logger';
import { systemClock } from '../electron/core/ports';
import { createDevSecrets } from '../electron/core/sync/dev-secrets';
import { failAndExit, readPassphrase } from './backup-cli-args';

const usage = `Cách dùng: npm run restore -- --from TỆP.dvcbak --data THƯ_MỤC_DỮ_LIỆU [--passphrase-file TỆP] [--confirm-loss]
Cụm mật khẩu: --passphrase-file, hoặc biến DVC_BACKUP_PASSPHRASE, hoặc nhập khi được hỏi. Hãy đóng ứng dụng trước.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      data: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'confirm-loss': { type: 'boolean', default: false },
    },
  });
  if (!values.from || !values.data) throw new Error(usage);
  const passphrase = await readPassphrase(values['passphrase-file'], true);
  if (!passphrase) throw new Error(usage);
  const dataDir = resolve(values.data);
  const started = Date.now();
  const result = await restoreDataFolder({
    file: resolve(values.from),
    passphrase,
    dataDir,
    vault: createDevKeyVault(dataDir),
    secrets: createDevSecrets(dataDir),
    clock: systemClock,
    logger: createLogger((line) => process.stderr.write(`${line}\n`)),
    confirmLoss: values['confirm-loss'],
  });
  if (result.lossText) console.log(`Đã thay dữ liệu cũ hơn bản sao lưu (mất: ${result.lossText}); bản cũ giữ 7 ngày trong before-restore/.`);
  console.log(`Đã khôi phục ${result.dossiers} hồ sơ, ${result.pages} trang vào ${dataDir} trong ${((Date.now() - started) / 1000).toFixed(1)} giây.`);
}

main().catch(failAndExit);
