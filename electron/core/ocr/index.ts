// Public surface of OCR: the engine port, the tesseract.js engine, the durable queue.
export type { OcrBox, OcrEngine, OcrResult, OcrWord, RecognizeOptions } from './ocr-engine';
export { createOcrEngine, defaultOcrWorkers, type OcrEngineOptions } from './tesseract-engine';
export { resolveTessdataDir, TESSDATA_FILE } from './tessdata';
export {
  createOcrQueue,
  type OcrPageStatus,
  type OcrProgressEvent,
  type OcrQueue,
  type OcrQueueDeps,
} from './ocr-queue';
export { insertOcrJob, requeueOcrJob } from './ocr-jobs';
