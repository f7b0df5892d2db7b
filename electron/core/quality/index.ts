// Public surface of the quality gate: assess a page, judge metrics, messages, and the stored form (pages.quality).
export {
  assessPageQuality,
  judgeQuality,
  qualityMessage,
  type QualityAssessment,
  type QualityCode,
  type QualityFinding,
  type QualityOptions,
  type QualityWarning,
} from './page-quality';
export { measurePage, type EdgeName, type QualityMetrics } from './quality-metrics';
export {
  assessForStorage,
  parseStoredQuality,
  qualityAcceptanceOf,
  qualityWarningsOf,
  storedQuality,
  withAcceptance,
  type QualityAcceptance,
  type ShownQualityWarning,
  type StoredQuality,
} from './stored-quality';
