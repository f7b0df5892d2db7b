// CLI: lists the shipped declaration forms: id, version, title, the procedures that use them, and their legal source.
// Usage: tsx scripts/form-list.ts [--json]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fieldPaths } from '../electron/common/forms/form-check';
import { FormSchemaError, loadFormRegistry } from '../electron/core/forms/form-registry';

const resourcesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources');

export function formList(resources = resourcesDir) {
  const registry = loadFormRegistry(resources);
  return [...registry.forms.values()].map((def) => ({
    id: def.id,
    version: def.version,
    title: def.title,
    formNumber: def.formNumber,
    procedures: registry.proceduresOf(def.id),
    issuedBy: def.legal.issuedBy,
    amendedBy: def.legal.amendedBy,
    inForceOn: def.legal.inForceOn,
    unverified: def.legal.unverified,
    fields: fieldPaths(def).length,
  }));
}

function main(): number {
  const { values } = parseArgs({ options: { json: { type: 'boolean' } } });
  const forms = formList();
  if (values.json) {
    console.log(JSON.stringify(forms, null, 2));
    return 0;
  }
  for (const f of forms) {
    console.log(`${f.id}  v${f.version}  ${f.title}${f.formNumber ? `  (${f.formNumber})` : ''}`);
    console.log(`    thủ tục: ${f.procedures.join(', ') || '(chưa gắn thủ tục nào)'}   ·   ${f.fields} trường`);
    console.log(`    căn cứ: ${f.issuedBy}`);
    for (const a of f.amendedBy) console.log(`            ${a}`);
    console.log(`    đối chiếu ngày: ${f.inForceOn.split("-").reverse().join("/")} (căn cứ theo hồ sơ thủ tục trên Cổng DVC quốc gia)`);
    for (const u of f.unverified) console.log(`    chưa kiểm chứng: ${u}`);
    console.log('');
  }
  console.log(`${forms.length} mẫu tờ khai.`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(error instanceof FormSchemaError ? error.message : error);
    process.exitCode = 2;
  }
}
