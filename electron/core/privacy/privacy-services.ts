// Builds the personal-data services (consent, access log, retention, citizens' requests) from the core's ports.
import type { Db } from '../../../db/client';
import type { Fonts } from '../documents/documents-service';
import type { DossierService } from '../dossiers/dossier-service';
import type { Clock, Logger } from '../ports';
import type { SettingsService } from '../settings/settings-service';
import type { BlobStore } from '../storage/blob-store';
import { createAccessLog } from './access-log';
import { createAccessLogView } from './access-log-view';
import { createCitizenService } from './citizen-service';
import { loadNotices } from './consent-notice';
import { createConsentService } from './consent-service';
import { upgradeIdDigests } from './id-digest';
import { createRetentionService, type RetentionTiming } from './retention-service';
import { reuseReason } from './reuse-reason';

export type PrivacyServices = ReturnType<typeof createPrivacyServices>;

export function createPrivacyServices(deps: {
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  logger: Logger;
  settings: SettingsService;
  dossiers: DossierService;
  resourcesDir: string;
  loadFonts: () => Promise<Fonts>;
  /** purge at start-up and daily (tests: false, or short periods) */
  retentionTiming?: RetentionTiming | false;
}) {
  const { db, blobs, clock, logger, settings, dossiers } = deps;
  // before any service reads or writes a digest: older rows' plain digests become keyed ones (once, one transaction)
  upgradeIdDigests(db, clock.now());
  const access = createAccessLog({ db, clock });
  return {
    access,
    accessView: createAccessLogView({ db, log: access }),
    consent: createConsentService({ db, clock, settings, dossiers, notices: loadNotices(deps.resourcesDir) }),
    retention: createRetentionService({ db, blobs, clock, logger, ...(deps.retentionTiming !== undefined ? { timing: deps.retentionTiming } : {}) }),
    citizen: createCitizenService({ db, blobs, clock, settings, access, loadFonts: deps.loadFonts }),
    /** why re-use was allowed for a dossier, for the access log */
    reuseReason: (dossierId: string) => reuseReason(db, dossierId),
  };
}
