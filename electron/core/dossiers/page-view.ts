// A page row as the contract's Page: rotation, OCR state, the quality gate's warnings and the agent's acceptance.
import type { pages } from '../../../db/schema';
import type { Page } from '../../common/contract';
import { qualityAcceptanceOf, qualityWarningsOf } from '../quality';

export function toPage(p: typeof pages.$inferSelect): Page {
  return {
    id: p.id,
    componentId: p.componentId,
    ord: p.ord,
    rotation: p.rotation === 90 || p.rotation === 180 || p.rotation === 270 ? p.rotation : 0,
    mime: p.mime,
    size: p.size,
    width: p.width,
    height: p.height,
    sourceName: p.sourceName,
    ocrStatus: p.ocrStatus,
    ocrText: p.ocrText,
    ocrConfidence: p.ocrConfidence,
    createdAt: p.createdAt,
    qualityWarnings: qualityWarningsOf(p.quality, p.ord + 1, p.rotation),
    qualityAccepted: qualityAcceptedOf(p.quality),
    kind: p.kind,
    purgedAt: p.purgedAt,
  };
}

function qualityAcceptedOf(json: string | null): Page['qualityAccepted'] {
  const accepted = qualityAcceptanceOf(json);
  return accepted ? { byName: accepted.byName, at: accepted.at } : null;
}
