// Where a form field's value travels: its data path in the app and its path in the portal submission (and back).

/** The portal submission carries the form as { formId, version, data }: a field's value sits at formData.data.<path>. */
export const PORTAL_FORM_PREFIX = 'formData.data.';

/** "child.dateOfBirth" -> "formData.data.child.dateOfBirth". */
export function portalPathOfFormField(path: string): string {
  return `${PORTAL_FORM_PREFIX}${path}`;
}

/**
 * The form field a portal 422 path points at ("formData.data.members[0].idNumber" -> "members[0].idNumber"), or null when
 * the path is not inside the form. The intake form shows the portal's message on that field, as it does for
 * intakeFieldOfPortalPath (sync-contract.ts) with "applicant.*" paths.
 */
export function formFieldOfPortalPath(path: string): string | null {
  return path.startsWith(PORTAL_FORM_PREFIX) && path.length > PORTAL_FORM_PREFIX.length ? path.slice(PORTAL_FORM_PREFIX.length) : null;
}
