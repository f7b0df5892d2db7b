import { writeFileSync } from 'node:fs';
import { measurePage } from '../../../electron/core/quality/quality-metrics';
import { makeQualityCases } from '../../../tests/support/make-quality-pages';
const cases = await makeQualityCases(Number(process.argv[2] ?? 7));
for (const c of cases) {
  const t = performance.now();
  const m = await measurePage(c.bytes);
  writeFileSync(`/tmp/ocrh/q-${c.name}.jpg`, c.bytes);
  const e = Object.entries(m.edges).map(([k, v]) => `${k[0]}${(v.coverage * 100).toFixed(1)}/${v.runs}`).join(' ');
  console.log(c.name.padEnd(20), (performance.now() - t).toFixed(0).padStart(5) + 'ms', `${m.width}x${m.height} dpi${m.a4Dpi} decl${m.declaredDpi} paper${m.paperLevel} ink${m.inkLevel} inkR${(m.inkRatio * 100).toFixed(3)}% sharp${m.sharpness.toFixed(3)} ${e}`);
}
