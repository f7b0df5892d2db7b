// The app's own catalog file (dai-ly-dvc-catalog, JSON, optionally gzipped): build, validate, read v1 and v2, write v2.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import {
  catalogFileSchema,
  catalogProcedureSchema,
  procedureComponentV1Schema,
  type CatalogDocument,
  type CatalogFile,
  type CatalogProcedure,
  type ProcedureComponentV1,
} from '../../common/catalog';
import { componentModes } from '../../common/component-modes';
import { AppError } from '../../common/errors';
import { documentKey, uniqueKey } from './catalog-keys';
import type { ProcedureToStore } from './import-catalog';
import { isGzip } from './tar-reader';

export const catalogFormat = 'dai-ly-dvc-catalog';

export function buildCatalogFile(
  procedures: readonly ProcedureToStore[],
  opts: { catalogVersion: string; exportedAt: string; source: string },
): CatalogFile {
  return {
    format: catalogFormat,
    version: 2,
    catalogVersion: opts.catalogVersion,
    exportedAt: opts.exportedAt,
    procedures: procedures.map(
      (p): CatalogProcedure => ({ ...p, source: p.source ?? opts.source, active: p.active ?? true }),
    ),
  };
}

/** Version 1 files (before cases and notes): a flat component list with `required` as a boolean. */
const catalogFileV1Schema = z.object({
  format: z.literal(catalogFormat),
  version: z.literal(1),
  catalogVersion: z.string().min(1),
  exportedAt: z.string(),
  procedures: z.array(
    catalogProcedureSchema
      .omit({ documents: true, cases: true, notes: true, subject: true })
      .extend({ components: z.array(procedureComponentV1Schema) }),
  ),
});

/** A v1 component as a v2 document: required or optional, keys derived as the parser derives them, modes from its words. */
export function documentsFromV1(components: readonly ProcedureComponentV1[]): CatalogDocument[] {
  const taken = new Set<string>();
  return components.map((c) => {
    const key = uniqueKey(documentKey(c.kind, c.name, null), taken);
    taken.add(key);
    return {
      key,
      name: c.name,
      label: null,
      kind: c.kind,
      originals: c.originals,
      copies: c.copies,
      requirement: c.required ? 'required' : 'optional',
      condition: null,
      onlyModes: componentModes(c.name),
      requirementByMode: null,
      pageKind: 'document',
      formId: null,
    };
  });
}

function describeIssue(issue: { path: readonly PropertyKey[]; message: string }): string {
  const path = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('');
  return `${path.replace(/^\./, '') || 'tệp'}: ${issue.message}`;
}

function refuse(error: z.ZodError): never {
  const issues = error.issues;
  const more = issues.length > 3 ? ` và ${issues.length - 3} lỗi khác` : '';
  throw new AppError('CATALOG_FORMAT', { detail: issues.slice(0, 3).map(describeIssue).join('; ') + more });
}

function readVersioned(json: unknown, version: unknown): CatalogFile {
  if (version === 1) {
    const parsed = catalogFileV1Schema.safeParse(json);
    if (!parsed.success) refuse(parsed.error);
    return {
      ...parsed.data,
      version: 2,
      procedures: parsed.data.procedures.map(({ components, ...p }) => ({
        ...p,
        modes: p.modes,
        documents: documentsFromV1(components),
        cases: [],
        notes: [],
        subject: null,
      })),
    };
  }
  if (version === 2) {
    const parsed = catalogFileSchema.safeParse(json);
    if (!parsed.success) refuse(parsed.error);
    return parsed.data;
  }
  throw new AppError('CATALOG_FORMAT', {
    detail: `phiên bản định dạng ${String(version)} chưa được hỗ trợ (đọc được phiên bản 1 và 2)`,
  });
}

/** Validates a whole file (v1 or v2) before anything is written; every refusal says where the file is wrong. */
export function parseCatalogFileText(text: string): CatalogFile {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new AppError('CATALOG_FORMAT', {
      detail: `không phải JSON hợp lệ (${error instanceof Error ? error.message : 'lỗi cú pháp'})`,
    });
  }
  const head = json && typeof json === 'object' ? (json as { format?: unknown; version?: unknown }) : null;
  if (!head || head.format !== catalogFormat) {
    throw new AppError('CATALOG_FORMAT', {
      detail: `thiếu "format": "${catalogFormat}", đây không phải tệp danh mục của Đại lý DVC`,
    });
  }
  const file = readVersioned(json, head.version);
  const seen = new Set<string>();
  for (const p of file.procedures) {
    if (seen.has(p.code)) throw new AppError('CATALOG_FORMAT', { detail: `mã thủ tục ${p.code} xuất hiện hai lần` });
    seen.add(p.code);
  }
  return file;
}

function decode(bytes: Buffer): string {
  return new TextDecoder('utf-8').decode(isGzip(bytes) ? gunzipSync(bytes) : bytes);
}

/** Reads a catalog file, gunzipping it when it is gzipped (the shipped default is national.json.gz). */
export async function readCatalogFile(path: string): Promise<CatalogFile> {
  return parseCatalogFileText(decode(await readFile(path)));
}

export function readCatalogFileSync(path: string): CatalogFile {
  return parseCatalogFileText(decode(readFileSync(path)));
}

/**
 * The catalogVersion of a file without validating its procedures: an app start compares it with the stored one and
 * parses the whole file (a second or two) only when it must load it. null when the head does not say.
 */
export async function peekCatalogVersion(path: string): Promise<string | null> {
  const head = decode(await readFile(path)).slice(0, 400);
  return /"catalogVersion"\s*:\s*"([^"]+)"/.exec(head)?.[1] ?? null;
}

/** Writes a v2 file; gzipped when the path ends in .gz. */
export async function writeCatalogFile(path: string, file: CatalogFile): Promise<void> {
  const json = JSON.stringify(file);
  await writeFile(path, path.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json);
}
