// Yields national records from a .tar.gz / .tar archive, a folder of <code>.txt files, or one .txt file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readTar } from './tar-reader';

export type NationalRecord = { name: string; text: string; mtimeMs: number };

function isRecordName(name: string): boolean {
  const base = basename(name);
  // "._x.txt" files are macOS resource forks that tar picks up, not records
  return /\.txt$/i.test(base) && !base.startsWith('._');
}

function decode(data: Buffer): string {
  const text = new TextDecoder('utf-8').decode(data);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function* walk(dir: string): Generator<string> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && isRecordName(entry.name)) yield path;
  }
}

/** Records in a stable order (archive order, or sorted paths for a folder). */
export function* readRecordSource(path: string): Generator<NationalRecord> {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const file of walk(path)) {
      yield { name: file, text: decode(readFileSync(file)), mtimeMs: statSync(file).mtimeMs };
    }
    return;
  }
  if (isRecordName(path)) {
    yield { name: path, text: decode(readFileSync(path)), mtimeMs: stat.mtimeMs };
    return;
  }
  for (const entry of readTar(readFileSync(path))) {
    if (isRecordName(entry.name))
      yield { name: entry.name, text: decode(entry.data), mtimeMs: entry.mtimeMs };
  }
}
