// Builds the default catalog shipped with the app (resources/catalog/national.json.gz) and its parse report
// from the national dataset. Usage: tsx scripts/build-default-catalog.ts [ARCHIVE]
// (default ../shared/datasets/tthc-national-5652.tar.gz beside the repository)
import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalogFile, writeCatalogFile } from '../electron/core/catalog/catalog-file';
import {
  defaultCatalogVersion,
  formatReportSummary,
  parseRecordSource,
  writeReport,
} from '../electron/core/catalog/import-report';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const archive = resolve(
  process.argv[2] ?? join(root, '..', 'shared', 'datasets', 'tthc-national-5652.tar.gz'),
);
const outDir = join(root, 'resources', 'catalog');

async function main(): Promise<void> {
  const { procedures, report } = parseRecordSource(archive);
  // the report names the archive relative to the repository, so rebuilding elsewhere gives the same file
  report.source = relative(root, archive) || archive;
  const catalogVersion = defaultCatalogVersion(report);
  // the newest record's time, not the clock: the same archive always gives the same bytes
  const exportedAt = new Date(report.newestMtimeMs).toISOString();
  mkdirSync(outDir, { recursive: true });
  const file = buildCatalogFile(procedures, { catalogVersion, exportedAt, source: 'national' });
  await writeCatalogFile(join(outDir, 'national.json.gz'), file);
  writeReport(report, join(outDir, 'national-report.txt'));
  console.log(formatReportSummary(report));
  console.log(
    `\n${procedures.length} thủ tục, phiên bản ${catalogVersion} -> ${relative(root, outDir)}/national.json.gz`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
