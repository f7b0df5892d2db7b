// Backup keys: the office's recovery passphrase -> scrypt -> an X25519 key pair; each run seals to its public half.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scrypt,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { AppError } from '../../common/errors';
import { normalisePassphrase } from '../../common/passphrase';
import type { FileKey } from '../crypto/keys';

/*
 * Why a key pair: backups are written every day without anyone typing the passphrase, yet the PC must not hold what
 * opens them (the office's key is "separate from the PC's own key", issue 15). So the PC keeps only the public half R
 * of a key pair derived from the passphrase; each run makes an ephemeral pair E and seals with HKDF(X25519(E, R)).
 * Restoring needs the passphrase: scrypt gives the private half, which must give R back (a wrong passphrase is
 * recognised before anything is decrypted).
 */

export type ScryptParams = { N: number; r: number; p: number };

/**
 * scrypt N=2^17, r=8, p=1: 128 MiB of memory and about 0.5 s on an office PC (2 s on this shared 2-core VM), run only
 * when the passphrase is set and when a backup is opened, never per backup. OWASP's floor is N=2^17 r=8 p=1.
 */
export const RECOVERY_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** what a backup header may ask for: more than this would let a forged header make the PC allocate gigabytes */
const MAX_N = 2 ** 20;
const MIN_N = 2 ** 10;

export type RecipientInfo = {
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  /** X25519 public key, base64 (32 bytes) */
  publicKey: string;
  /** shown on the recovery sheet and beside each backup, so the admin knows which sheet opens which backup */
  fingerprint: string;
};

/** The private half, in memory only while a backup is opened. */
export type RecipientSecret = { privateKey: KeyObject; publicKey: Buffer };

export type RunKeys = {
  /** 16 hex digits: the key id written into every object this run seals (file-cipher's header bytes 20..27) */
  id: string;
  /** the run's ephemeral public key, base64 */
  publicKey: string;
  files: FileKey;
  /** SQLCipher raw key of the run's database snapshot */
  databaseHex: string;
};

const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

function rawPublic(key: KeyObject): Buffer {
  const pub = key.type === 'public' ? key : createPublicKey(key);
  return Buffer.from(pub.export({ format: 'der', type: 'spki' }).subarray(-32));
}

function publicKeyObject(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new AppError('BACKUP_DAMAGED', { reason: 'public key' });
  return createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });
}

export function fingerprintOf(publicKey: Buffer): string {
  const digest = createHash('sha256').update('dai-ly-dvc/backup/recipient').update(publicKey).digest();
  // 16 characters of Crockford base32 (80 bits), in groups of four: read aloud over the phone without ambiguity
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return (out.match(/.{4}/g) ?? []).join('-');
}

function checkParams(kdf: RecipientInfo['kdf']): void {
  const { N, r, p } = kdf;
  const powerOfTwo = Number.isInteger(N) && N >= MIN_N && N <= MAX_N && (N & (N - 1)) === 0;
  if (kdf.name !== 'scrypt' || !powerOfTwo || r !== 8 || !Number.isInteger(p) || p < 1 || p > 4) {
    throw new AppError('BACKUP_DAMAGED', { reason: 'kdf parameters' });
  }
}

async function seedOf(passphrase: string, kdf: RecipientInfo['kdf']): Promise<Buffer> {
  checkParams(kdf);
  const salt = Buffer.from(kdf.salt, 'base64');
  return new Promise((resolve, reject) => {
    // 128 * N * r bytes, plus room: Node's default maxmem (32 MiB) refuses N=2^17
    const maxmem = 128 * kdf.N * kdf.r * kdf.p + 32 * 1024 * 1024;
    scrypt(normalisePassphrase(passphrase), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function privateFromSeed(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519, seed]), format: 'der', type: 'pkcs8' });
}

/** A new recipient for a passphrase: what the PC stores (no secret in it). */
export async function createRecipient(passphrase: string, params: ScryptParams = RECOVERY_SCRYPT): Promise<RecipientInfo> {
  const kdf = { name: 'scrypt' as const, ...params, salt: randomBytes(16).toString('base64') };
  const seed = await seedOf(passphrase, kdf);
  const publicKey = rawPublic(privateFromSeed(seed));
  seed.fill(0);
  return { kdf, publicKey: publicKey.toString('base64'), fingerprint: fingerprintOf(publicKey) };
}

/** The private half from the passphrase; BACKUP_WRONG_PASSPHRASE when it does not give the recipient's public key. */
export async function unlockRecipient(passphrase: string, recipient: RecipientInfo): Promise<RecipientSecret> {
  const seed = await seedOf(passphrase, recipient.kdf);
  const privateKey = privateFromSeed(seed);
  seed.fill(0);
  const expected = Buffer.from(recipient.publicKey, 'base64');
  const actual = rawPublic(privateKey);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new AppError('BACKUP_WRONG_PASSPHRASE', { fingerprint: recipient.fingerprint });
  }
  return { privateKey, publicKey: actual };
}

function runIdOf(ephemeralPublic: Buffer): string {
  return createHash('sha256').update('dai-ly-dvc/backup/run').update(ephemeralPublic).digest().subarray(0, 8).toString('hex');
}

function keysFromShared(shared: Buffer, ephemeralPublic: Buffer, recipientPublic: Buffer): RunKeys {
  if (shared.every((b) => b === 0)) throw new AppError('BACKUP_DAMAGED', { reason: 'low-order key' });
  const salt = Buffer.concat([ephemeralPublic, recipientPublic]);
  const root = Buffer.from(hkdfSync('sha256', shared, salt, 'dai-ly-dvc/backup/v1/run', 32));
  const sub = (purpose: string) => new Uint8Array(hkdfSync('sha256', root, new Uint8Array(0), `dai-ly-dvc/backup/v1/${purpose}`, 32));
  const id = runIdOf(ephemeralPublic);
  const keys: RunKeys = {
    id,
    publicKey: ephemeralPublic.toString('base64'),
    files: { kek: sub('object-kek'), keyId: new Uint8Array(Buffer.from(id, 'hex')) },
    databaseHex: Buffer.from(sub('sqlite')).toString('hex'),
  };
  root.fill(0);
  shared.fill(0);
  return keys;
}

/** Keys for a new run, sealed to the recipient; the ephemeral private key is dropped when this returns. */
export function newRunKeys(recipient: RecipientInfo): RunKeys {
  const recipientPublic = Buffer.from(recipient.publicKey, 'base64');
  const ephemeral = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyObject(recipientPublic) });
  return keysFromShared(shared, rawPublic(ephemeral.publicKey), recipientPublic);
}

/** The keys of an earlier run, from the recipient's private half (restore, verify). */
export function openRunKeys(secret: RecipientSecret, run: { id: string; publicKey: string }): RunKeys {
  const ephemeralPublic = Buffer.from(run.publicKey, 'base64');
  if (runIdOf(ephemeralPublic) !== run.id) throw new AppError('BACKUP_DAMAGED', { reason: 'run id' });
  const shared = diffieHellman({ privateKey: secret.privateKey, publicKey: publicKeyObject(ephemeralPublic) });
  return keysFromShared(shared, ephemeralPublic, secret.publicKey);
}
