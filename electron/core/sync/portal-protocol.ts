// Wire shapes of the portal protocol (resources/portal-api.yaml), shared by the HTTP client and the simulator.
import { z } from 'zod';

import { catalogFileSchema } from '../../common/catalog';
import { portalStatuses } from '../../common/dossier-status';

export { portalStatuses };
export type PortalStatus = (typeof portalStatuses)[number];

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const fieldErrorSchema = z.object({
  path: z.string(),
  code: z.string().optional(),
  message: z.string(),
  component: z.string().optional(),
});
export type PortalFieldError = z.infer<typeof fieldErrorSchema>;

export const errorBodySchema = z.object({
  error: z.string().optional(),
  message: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
});

export const submittedFileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().min(1),
  mime: z.string().min(1),
  size: z.number().int().nonnegative(),
});
export type SubmittedFile = z.infer<typeof submittedFileSchema>;

/** The e-form: which form, which schema version, its data keyed by the schema's data paths ("child.dateOfBirth"). */
export const submittedFormSchema = z.object({
  formId: z.string().min(1),
  version: z.number().int().min(1),
  data: z.record(z.string(), z.unknown()),
  /**
   * direct and postal filing: the app printed this very data for the citizen to sign (when, and the sha256 of the
   * data's canonical JSON); with it the paper tờ khai slot needs no scan (electron/common/forms/form-slot.ts)
   */
  printed: z.object({ at: z.string(), dataHash: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});
export type SubmittedForm = z.infer<typeof submittedFormSchema>;

export const dossierSubmissionSchema = z.object({
  procedureCode: z.string().min(1),
  mode: z.enum(['online', 'postal', 'direct']),
  /** the office's own receipt code, echoed back in GET /dossiers */
  localCode: z.string().optional(),
  applicant: z.object({
    fullName: z.string(),
    idNumber: z.string(),
    dateOfBirth: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    address: z.string().optional(),
  }),
  /** the declaration form as data (resources/forms/<formId>.json, version `version`); the portal validates it the same way */
  formData: submittedFormSchema.optional(),
  delivery: z.object({
    method: z.enum(['counter', 'post']),
    address: z.string().optional(),
  }),
  feeVnd: z.number().int().nonnegative().nullable().optional(),
  /** the case (trường hợp) of the procedure the dossier is filed under; absent from older clients */
  caseKey: z.string().nullable().optional(),
  /** catalog keys of the conditional documents the agent answered "áp dụng" for: the portal asks for those */
  appliedConditions: z.array(z.string()).optional(),
  components: z.array(
    z.object({
      name: z.string().min(1),
      /** the catalog document's key; the portal matches by it, by name for older clients */
      docKey: z.string().optional(),
      files: z.array(submittedFileSchema),
    }),
  ),
});
export type DossierSubmission = z.infer<typeof dossierSubmissionSchema>;

export const dossierReceiptSchema = z.object({
  portalCode: z.string().min(1),
  status: z.literal('received'),
  receivedAt: z.string(),
});
export type DossierReceipt = z.infer<typeof dossierReceiptSchema>;

export const supplementRequestSchema = z.object({
  documents: z.array(z.string()),
  note: z.string(),
});
export type SupplementRequest = z.infer<typeof supplementRequestSchema>;

export const portalDossierSchema = z.object({
  portalCode: z.string(),
  idempotencyKey: z.string(),
  localCode: z.string().nullable(),
  procedureCode: z.string(),
  status: z.enum(portalStatuses),
  receivedAt: z.string(),
  updatedAt: z.string(),
  supplementRequest: supplementRequestSchema.nullable(),
  history: z.array(z.object({ status: z.enum(portalStatuses), at: z.string(), message: z.string() })),
});
export type PortalDossier = z.infer<typeof portalDossierSchema>;

export const statusChangeSchema = z.object({
  seq: z.number().int(),
  portalCode: z.string(),
  idempotencyKey: z.string(),
  status: z.enum(portalStatuses),
  at: z.string(),
  message: z.string(),
  supplementRequest: supplementRequestSchema.optional(),
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

export const changesPageSchema = z.object({
  changes: z.array(statusChangeSchema),
  nextCursor: z.string(),
});
export type ChangesPage = z.infer<typeof changesPageSchema>;

/**
 * GET /catalog answers in the app's own catalog format (v2: documents, cases, notes, fee rules): the same catalog the
 * portal checks submissions against.
 */
export const portalCatalogSchema = catalogFileSchema;
export type PortalCatalog = z.infer<typeof portalCatalogSchema>;

export const healthSchema = z.object({
  status: z.enum(['ok', 'maintenance']),
  time: z.string(),
  version: z.string(),
});
export type PortalHealth = z.infer<typeof healthSchema>;

/** tus 1.0 Upload-Metadata: comma-separated "key base64(value)" pairs. */
export function encodeUploadMetadata(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',');
}

export function decodeUploadMetadata(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of header.split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (!key) continue;
    out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

export const TUS_VERSION = '1.0.0';
/** tus checksum extension: the completed upload does not hash to the declared SHA-256. */
export const HTTP_CHECKSUM_MISMATCH = 460;
