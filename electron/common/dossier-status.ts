// The dossier statuses, listed once for the database column, the IPC contract and the report queries.

/** what the portal reports back once it holds a dossier: PortalStatus in resources/portal-api.yaml */
export const portalStatuses = [
  'received',
  'processing',
  'supplement_requested',
  'result_ready',
  'completed',
  'rejected',
] as const;

/** the local workflow, then the portal's statuses, then withdrawal; this is the schema column's enum order */
export const dossierStatuses = [
  'draft',
  'ready',
  'awaiting_review',
  'approved',
  'returned',
  'queued',
  'submitting',
  'submitted',
  'needs_fix',
  ...portalStatuses,
  'withdrawn',
] as const;
export type DossierStatus = (typeof dossierStatuses)[number];
