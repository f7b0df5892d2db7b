// CLI: reads national records (archive or folder), prints the parse report, optionally stores them in a database.
// Usage: tsx scripts/catalog-import.ts PATH [--db FILE] [--report FILE] [--out-json FILE] [--catalog-version V]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closeDatabase, openDatabase } from '../db/client';
import { buildCatalogFile, writeCatalogFile } from '../electron/core/catalog/catalog-file';
import { importCatalog } from '../electron/core/catalog/import-catalog';
import {
  defaultCatalogVersion,
  formatReportSummary,
  parseRecordSource,
  writeReport,
} from '../electron/core/catalog/import-report';

const usage =
  'Cách dùng: npm run catalog:import -- PATH [--db FILE] [--report FILE] [--out-json FILE] [--catalog-version V]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      report: { type: 'string' },
      'out-json': { type: 'string' },
      'catalog-version': { type: 'string' },
      source: { type: 'string', default: 'national' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [path] = positionals;
  if (values.help || !path) {
    console.log(usage);
    return path ? 0 : 2;
  }
  if (!existsSync(path)) {
    console.error(`Không tìm thấy ${path}`);
    return 2;
  }

  const started = performance.now();
  const { procedures, report } = parseRecordSource(path);
  const parsedMs = performance.now() - started;
  const catalogVersion = values['catalog-version'] ?? defaultCatalogVersion(report);
  console.log(formatReportSummary(report));
  console.log(`\nĐọc và phân tích: ${parsedMs.toFixed(0)} ms; phiên bản danh mục: ${catalogVersion}`);
  if (report.total === 0) {
    console.error('Không có bản ghi nào (*.txt) trong nguồn này.');
    return 1;
  }

  if (values.report) {
    writeReport(report, values.report);
    console.log(`Báo cáo chi tiết: ${values.report} (${report.problems.length} dòng vấn đề)`);
  }
  if (values['out-json']) {
    const exportedAt = new Date(report.newestMtimeMs || Date.now()).toISOString();
    await writeCatalogFile(
      values['out-json'],
      buildCatalogFile(procedures, { catalogVersion, exportedAt, source: values.source }),
    );
    console.log(`Danh mục JSON: ${values['out-json']}`);
  }
  if (values.db) {
    const db = openDatabase(values.db);
    try {
      const t0 = performance.now();
      const { stored } = importCatalog(db, procedures, { source: values.source, catalogVersion });
      console.log(
        `Đã lưu ${stored} thủ tục vào ${values.db} trong ${(performance.now() - t0).toFixed(0)} ms`,
      );
    } finally {
      closeDatabase(db);
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
