// Form schemas: every shipped form loads and is wired to its procedures; a broken schema is refused naming its file and path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ethnicities, findEthnicity } from '../../electron/common/ethnicities';
import { fieldPaths } from '../../electron/common/forms/form-check';
import { FormSchemaError, loadFormRegistry, parseFormFile } from '../../electron/core/forms/form-registry';

const resources = path.resolve(__dirname, '../../resources');
const registry = loadFormRegistry(resources);
const khaiSinhText = readFileSync(path.join(resources, 'forms', 'to-khai-khai-sinh.json'), 'utf8');

type FieldJson = { key?: string; type?: string; label?: string };
type SchemaJson = {
  id: string;
  rules: { first?: string; then?: string }[];
  sections: { nodes: { person?: string; fields: FieldJson[] }[] }[];
};
function at<T>(list: T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}
/** Section `s`, node `n` of the schema JSON (the shipped khai sinh file's structure). */
const node = (j: SchemaJson, s: number, n = 0) => at(at(j.sections, s).nodes, n);

/** The schema file with one change, as text (what a bad edit of the JSON would give). */
function broken(change: (json: SchemaJson) => void): string {
  const json = JSON.parse(khaiSinhText) as SchemaJson;
  change(json);
  return JSON.stringify(json);
}

function problemOf(text: string): FormSchemaError {
  try {
    parseFormFile(text, 'resources/forms/to-khai-khai-sinh.json');
  } catch (error) {
    if (error instanceof FormSchemaError) return error;
    throw error;
  }
  throw new Error('the broken schema was accepted');
}

describe('shipped forms', () => {
  it('has the nine forms the curated procedures name, each citing its legal source', () => {
    expect([...registry.forms.keys()].sort()).toEqual([
      'ct01',
      'de-nghi-ho-kinh-doanh',
      'don-doi-gplx',
      'to-khai-ket-hon',
      'to-khai-khai-sinh',
      'to-khai-khai-tu',
      'to-khai-lltp',
      'to-khai-trich-luc',
      'to-khai-xac-nhan-hon-nhan',
    ]);
    for (const def of registry.forms.values()) {
      expect(def.legal.issuedBy, def.id).toMatch(/Thông tư|Nghị định|Mẫu số/);
      expect(fieldPaths(def).length, def.id).toBeGreaterThan(5);
    }
  });

  it('maps forms to the procedures that file them (catalog formIds first)', () => {
    expect(registry.proceduresOf('to-khai-khai-sinh')).toContain('1.001193');
    expect(registry.proceduresOf('ct01')).toEqual(expect.arrayContaining(['1.004222', '1.004194']));
    expect(registry.formOfProcedure('1.004194')?.id).toBe('ct01');
    expect(registry.formOfProcedure('3.000347')?.id).toBe('don-doi-gplx');
    expect(registry.formOfProcedure('9.999999')).toBeNull();
  });

  it('ships 34 provinces and 3,321 communes after the 2025 reform, no district level', () => {
    expect(registry.units.provinces).toHaveLength(34);
    const communes = registry.units.provinces.flatMap((p) => registry.units.communesOf(p.code));
    expect(communes).toHaveLength(3321);
    expect(registry.units.commune('00199')).toMatchObject({ name: 'Phường Láng', provinceCode: '01' });
    expect(registry.units.province('79')?.name).toBe('Thành phố Hồ Chí Minh');
  });

  it('knows the 54 ethnic groups, by name or by the spellings people type', () => {
    expect(ethnicities).toHaveLength(54);
    expect(new Set(ethnicities.map((e) => e.code)).size).toBe(54);
    expect(findEthnicity('kinh')?.code).toBe('01');
    expect(findEthnicity("H'Mông")?.name).toBe('Mông');
    expect(findEthnicity('dân tộc Khmer')?.name).toBe('Khơ-me');
    expect(findEthnicity('Klingon')).toBeNull();
  });
});

describe('a broken schema is refused with the file and the JSON path', () => {
  it('names a wrong field type', () => {
    const error = problemOf(broken((j) => void (at(node(j, 2).fields, 1).type = 'datum')));
    expect(error.message).toContain('resources/forms/to-khai-khai-sinh.json');
    expect(error.problems[0]?.path).toBe('sections[2].nodes[0].fields[1].type');
  });

  it('names a rule that points at a field the form does not have', () => {
    const error = problemOf(broken((j) => void (at(j.rules, 0).first = 'child.birthday')));
    expect(error.problems).toEqual([{ path: 'rules[0].first', message: 'không có trường "child.birthday" trong mẫu' }]);
  });

  it('names a rule on a field of the wrong type, a duplicate path, a person that is not declared', () => {
    const error = problemOf(
      broken((j) => {
        at(j.rules, 0).then = 'child.fullName';
        node(j, 2).fields.push({ key: 'sex', type: 'sex', label: 'Giới tính (lần 2)' });
        node(j, 3).person = 'grandmother';
      }),
    );
    const paths = error.problems.map((p) => p.path);
    expect(paths).toContain('rules[0].then');
    const childFields = node(JSON.parse(khaiSinhText) as SchemaJson, 2).fields.length;
    expect(paths).toContain(`sections[2].nodes[0].fields[${childFields}]`);
    expect(paths).toContain('sections[3].nodes[0].person');
    expect(error.message).toMatch(/kiểu text, cần date/);
  });

  it('refuses a choice without choices, and a file whose id is not its name', () => {
    expect(problemOf(broken((j) => void (at(node(j, 1).fields, 3).type = 'choice'))).problems[0]?.path).toBe(
      'sections[1].nodes[0].fields[3].choices',
    );
    expect(problemOf(broken((j) => void (j.id = 'to-khai-khac'))).problems[0]?.path).toBe('id');
    expect(problemOf('{ "format": ').message).toContain('không phải JSON hợp lệ');
  });
});
