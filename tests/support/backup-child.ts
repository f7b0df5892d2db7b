// Child process for the backup crash test: one backup of a data folder, printing each progress step; page reads are
// slowed down (PAGE_DELAY_MS) so the parent can kill it in the middle of any phase.
import { backupDataFolder } from '../../electron/core/backup/data-folder-tools';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';
import { systemClock } from '../../electron/core/ports';

const [dataDir = '', folder = '', delay = '0'] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const result = await backupDataFolder({
  dataDir,
  folder,
  vault: createDevKeyVault(dataDir),
  clock: systemClock,
  onProgress: (p) => process.stdout.write(`P ${p.phase} ${p.done}/${p.total}\n`),
  wrapBlobs: (store) => ({
    ...store,
    read: async (sha) => {
      await sleep(Number(delay));
      return store.read(sha);
    },
  }),
});
process.stdout.write(`DONE ${result.file}\n`);
