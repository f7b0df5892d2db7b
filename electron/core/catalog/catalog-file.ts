// The app's own catalog file (dai-ly-dvc-catalog v1, JSON, optionally gzipped): build, validate, read and write.
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { catalogFileSchema, type CatalogFile, type CatalogProcedure } from '../../common/catalog';
import { AppError } from '../../common/errors';
import type { ProcedureToStore } from './import-catalog';
import { isGzip } from './tar-reader';

export const catalogFormat = 'dai-ly-dvc-catalog';

export function buildCatalogFile(
  procedures: readonly ProcedureToStore[],
  opts: { catalogVersion: string; exportedAt: string; source: string },
): CatalogFile {
  return {
    format: catalogFormat,
    version: 1,
    catalogVersion: opts.catalogVersion,
    exportedAt: opts.exportedAt,
    procedures: procedures.map((p): CatalogProcedure => ({
      code: p.code,
      name: p.name,
      level: p.level,
      field: p.field,
      agency: p.agency,
      procedureType: p.procedureType,
      decisionNo: p.decisionNo,
      resultText: p.resultText,
      applicantTypes: p.applicantTypes,
      source: p.source ?? opts.source,
      active: p.active ?? true,
      modes: p.modes,
      components: p.components,
    })),
  };
}

function describeIssue(issue: { path: readonly PropertyKey[]; message: string }): string {
  const path = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('');
  return `${path.replace(/^\./, '') || 'tệp'}: ${issue.message}`;
}

/** Validates a whole file before anything is written; every refusal says where the file is wrong. */
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
  if (head.version !== 1) {
    throw new AppError('CATALOG_FORMAT', {
      detail: `phiên bản định dạng ${String(head.version)} chưa được hỗ trợ (chỉ đọc phiên bản 1)`,
    });
  }
  const parsed = catalogFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const more = issues.length > 3 ? ` và ${issues.length - 3} lỗi khác` : '';
    throw new AppError('CATALOG_FORMAT', { detail: issues.slice(0, 3).map(describeIssue).join('; ') + more });
  }
  const seen = new Set<string>();
  for (const p of parsed.data.procedures) {
    if (seen.has(p.code))
      throw new AppError('CATALOG_FORMAT', { detail: `mã thủ tục ${p.code} xuất hiện hai lần` });
    seen.add(p.code);
  }
  return parsed.data;
}

/** Reads a catalog file, gunzipping it when it is gzipped (the shipped default is national.json.gz). */
export async function readCatalogFile(path: string): Promise<CatalogFile> {
  const bytes = await readFile(path);
  const text = new TextDecoder('utf-8').decode(isGzip(bytes) ? gunzipSync(bytes) : bytes);
  return parseCatalogFileText(text);
}

export async function writeCatalogFile(path: string, file: CatalogFile): Promise<void> {
  const json = JSON.stringify(file);
  await writeFile(path, path.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json);
}
