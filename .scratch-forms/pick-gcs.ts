import { readBirthCertificate } from '../electron/core/extract';
import { createOcrEngine } from '../electron/core/ocr/tesseract-engine';
import { resolveTessdataDir } from '../electron/core/ocr/tessdata';
import { makeBirthCertificate, makeBirthCertificatePage } from '../tests/support/make-birth-certificate';
const engine = createOcrEngine({ langPath: resolveTessdataDir('resources'), workers: 1, timeoutMs: 120000, preprocess: true, logger: { info() {}, warn() {}, error() {}, debug() {} } as never });
for (const seed of process.argv.slice(2).map(Number)) {
  const page = await makeBirthCertificatePage(seed);
  const cap = await makeBirthCertificate(seed, 'scan');
  const t0 = Date.now();
  const r = await readBirthCertificate(engine, cap.bytes);
  const got = Object.fromEntries(r.fields.map((f) => [f.field, `${f.value} (${f.confidence})`]));
  console.log(seed, Date.now() - t0, 'ms', JSON.stringify(page.truth), page.content.motherBirthYear, cap.timeOfBirth, page.style.fill);
  console.log('   ', JSON.stringify(got));
}
await engine.terminate();
