// CLI: prints an official form filled from a JSON data file; bad data gets one Vietnamese message per field and exit 1.
// Usage: tsx scripts/form-fill.ts --form ID|--procedure CODE --data FILE.json --out FILE.pdf [--today yyyy-MM-dd]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toVietnamIsoDate } from '../electron/common/format';
import { leafFields, type FormDefinition } from '../electron/common/forms/form-definition';
import { checkRawFormData } from '../electron/common/forms/validate-form';
import { renderFormPdf } from '../electron/core/forms/form-pdf';
import { FormSchemaError, loadFormRegistry } from '../electron/core/forms/form-registry';

const usage = 'Cách dùng: npm run form:fill -- --form MÃ_TỜ_KHAI|--procedure MÃ_THỦ_TỤC --data TỆP.json --out TỆP.pdf [--today yyyy-MM-dd]';
const resourcesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources');

export type FillIo = { out: (line: string) => void; err: (line: string) => void };

/** "members[2].idNumber" -> the field's label ("Số định danh cá nhân"), for messages a person can read. */
function labelOf(def: FormDefinition, dataPath: string): string | null {
  const pattern = dataPath.replace(/\[\d+\]/g, '[]');
  return leafFields(def).find((f) => f.path === pattern)?.field.label ?? null;
}

/** Runs the command; returns the exit code (0 printed, 1 bad data, 2 wrong usage or unreadable input). */
export async function runFormFill(argv: string[], io: FillIo, resources = resourcesDir): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        form: { type: 'string' },
        procedure: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        today: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if ((!values.form && !values.procedure) || !values.data || !values.out) {
    io.err(usage);
    return 2;
  }
  const registry = loadFormRegistry(resources);
  const def = values.form ? registry.get(values.form) : registry.formOfProcedure(values.procedure ?? '');
  if (!def) {
    io.err(values.form ? `Không có mẫu tờ khai "${values.form}". Xem danh sách: npm run form:list` : `Thủ tục ${values.procedure ?? ''} không có mẫu tờ khai trong ứng dụng. Xem danh sách: npm run form:list`);
    return 2;
  }
  let raw: unknown;
  try {
    const text = readFileSync(values.data, 'utf8');
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    io.err(`Không đọc được tệp dữ liệu ${values.data}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  // a data file may be the form's data itself, or a saved form / portal formData ({ formId, version, data })
  const data = typeof raw === 'object' && raw !== null && 'data' in raw && 'formId' in raw ? (raw as { data: unknown }).data : raw;
  const today = values.today ?? toVietnamIsoDate(Date.now());
  const checked = checkRawFormData(def, data, { today, units: registry.units });
  const problems = Object.entries(checked.problems);
  if (problems.length > 0) {
    io.err(`Dữ liệu chưa hợp lệ cho "${def.title}" (${problems.length} mục):`);
    for (const [p, message] of problems) {
      const label = labelOf(def, p);
      io.err(`- ${p}${label ? ` (${label})` : ''}: ${message}`);
    }
    return 1;
  }
  const fonts = {
    regular: new Uint8Array(readFileSync(path.join(resources, 'fonts', 'NotoSans-Regular.ttf'))),
    bold: new Uint8Array(readFileSync(path.join(resources, 'fonts', 'NotoSans-Bold.ttf'))),
  };
  const printed = await renderFormPdf(def, checked.data, { units: registry.units, fonts });
  writeFileSync(values.out, printed.bytes);
  io.out(`Đã in "${def.title}" (${def.id} v${def.version}, ${printed.pages} trang) vào ${values.out}`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  runFormFill(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(error instanceof FormSchemaError ? error.message : error);
      process.exit(2);
    });
}
