// CLI: prints one procedure as the app sees it (national record < curated profile < office corrections).
// Usage: npm run catalog:show -- CODE [--json] [--data DIR] [--resources DIR]
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { closeDatabase, databaseFileState, openDatabase, type Db } from '../db/client';
import type { ProcedureDetail } from '../electron/common/catalog';
import { AppError } from '../electron/common/errors';
import { applyProfile, procedureDetail } from '../electron/core/catalog/catalog-merge';
import { createCatalogService } from '../electron/core/catalog/catalog-service';
import { readCatalogFileSync } from '../electron/core/catalog/catalog-file';
import { procedureText } from '../electron/core/catalog/procedure-text';
import { loadProfiles, profilesDir } from '../electron/core/catalog/profiles';
import { nationalCatalogPath } from '../electron/core/catalog/shipped-catalog';
import { createDevKeyVault } from '../electron/core/crypto/dev-key-vault';
import { deriveDataKeys } from '../electron/core/crypto/keys';
import { createSettingsService } from '../electron/core/settings/settings-service';
import { DATABASE_FILE } from '../electron/core/storage/encryption-upgrade';

const usage = 'Cách dùng: npm run catalog:show -- MÃ_THỦ_TỤC [--json] [--data THƯ_MỤC_DỮ_LIỆU] [--resources THƯ_MỤC]';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The shipped catalog only (no office): national record and curated profile. */
function shipped(code: string, resourcesDir: string): ProcedureDetail {
  const national = readCatalogFileSync(nationalCatalogPath(resourcesDir));
  const { profiles, problems } = loadProfiles(profilesDir(resourcesDir));
  for (const problem of problems) console.error(`Hồ sơ mẫu bị bỏ qua: ${problem}`);
  const profile = profiles.get(code) ?? null;
  const stored = national.procedures.find((p) => p.code === code) ?? null;
  if (!stored && !profile) throw new AppError('NOT_FOUND', { code });
  const below = profile ? applyProfile(stored, profile) : stored;
  if (!below) throw new AppError('NOT_FOUND', { code });
  return procedureDetail(below, {
    profile,
    latest: null,
    defaultServiceChargeVnd: 0,
    catalogVersion: national.catalogVersion,
    pinned: false,
  });
}

/** An app data folder: its database (the dev key file opens a web host's or a test's; Electron's key stays in the OS). */
async function openDataDir(dataDir: string): Promise<Db> {
  const path = join(dataDir, DATABASE_FILE);
  const state = databaseFileState(path);
  if (state === 'absent') throw new Error(`Không có ${DATABASE_FILE} trong ${dataDir}`);
  if (state !== 'encrypted') return openDatabase(path);
  const master = await createDevKeyVault(dataDir).read();
  if (!master)
    throw new Error(
      'Cơ sở dữ liệu được mã hoá bằng khoá của hệ điều hành (ứng dụng Electron); lệnh này chỉ mở được thư mục dữ liệu của máy chủ web hoặc thử nghiệm.',
    );
  return openDatabase(path, { key: deriveDataKeys(master).databaseHex });
}

async function fromOffice(code: string, dataDir: string, resourcesDir: string): Promise<ProcedureDetail> {
  const db = await openDataDir(dataDir);
  try {
    const { profiles } = loadProfiles(profilesDir(resourcesDir));
    const settings = createSettingsService({ db, clock: { now: () => Date.now() } });
    return createCatalogService({ db, clock: { now: () => Date.now() }, settings, profiles }).get(code);
  } finally {
    closeDatabase(db);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      data: { type: 'string' },
      resources: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [code] = positionals;
  if (values.help || !code) {
    console.log(usage);
    return code ? 0 : 2;
  }
  const resourcesDir = resolve(values.resources ?? join(root, 'resources'));
  if (values.data && !existsSync(values.data)) {
    console.error(`Không tìm thấy thư mục dữ liệu ${values.data}`);
    return 2;
  }
  const detail = values.data ? await fromOffice(code, resolve(values.data), resourcesDir) : shipped(code, resourcesDir);
  if (values.json) {
    // the v2 procedure of docs/catalog-format.md, plus what the app adds: service charge and layers
    const { pinned: _pinned, catalogVersion: _version, ...procedure } = detail;
    console.log(JSON.stringify({ ...procedure, active: true }, null, 2));
  } else {
    console.log(procedureText(detail));
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
