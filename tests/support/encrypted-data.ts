// Test access to an app data folder: its dev key vault, keys, the database opened with its key, its sealed blob store.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client';
import { createDevKeyVault, DEV_KEY_FILE } from '../../electron/core/crypto/dev-key-vault';
import { deriveDataKeys, type DataKeys } from '../../electron/core/crypto/keys';
import { createBlobStore, type BlobStore } from '../../electron/core/storage/blob-store';
import { DATABASE_FILE } from '../../electron/core/storage/encryption-upgrade';

export { createDevKeyVault };

/** Keys of a data folder made by createAppCore with the dev key vault (read synchronously, for sync call sites). */
export function dataKeysOf(dataDir: string): DataKeys {
  const parsed = JSON.parse(readFileSync(join(dataDir, DEV_KEY_FILE), 'utf8')) as { key: string };
  return deriveDataKeys(new Uint8Array(Buffer.from(parsed.key, 'base64')));
}

export function openDataDirDatabase(dataDir: string): Db {
  return openDatabase(join(dataDir, DATABASE_FILE), { key: dataKeysOf(dataDir).databaseHex });
}

export function openDataDirBlobs(dataDir: string): BlobStore {
  return createBlobStore(join(dataDir, 'blobs'), { fileKey: dataKeysOf(dataDir).files });
}
