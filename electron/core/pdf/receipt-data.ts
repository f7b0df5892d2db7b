// What a receipt shows: the data the intake hands to the receipt renderer.

export type ReceiptData = {
  office: { code: string; name: string; address: string; phone?: string };
  agentName: string;
  localCode: string;
  /** the portal's code once it accepted the dossier: a reprint carries it */
  portalCode?: string | null;
  /** Epoch ms of the receipt; shown in Vietnam time. */
  createdAt: number;
  applicant: { fullName: string; idNumber: string; dateOfBirth: string; phone: string; address: string };
  /** who the dossier is about when it is not the applicant (khai sinh: the child), with the catalog's label */
  subject?: { label: string; name: string } | null;
  procedure: { code: string; name: string };
  /** the case (trường hợp) the dossier was filed under, in counter words */
  caseName?: string | null;
  mode: 'online' | 'postal' | 'direct';
  /**
   * Only what was received: documents with pages, and documents to show whose original the agent saw. Names are the
   * counter labels; kind 'submit' (phải nộp) or 'show' (phải xuất trình); null counts mean the catalog did not say.
   */
  components: {
    name: string;
    kind: 'submit' | 'show';
    pageCount: number;
    originals: number | null;
    copies: number | null;
    /**
     * a tờ khai received through the form filled in the app: 'form_data' = sent to the portal as the e-form (no paper),
     * 'form_print' = printed from the app and signed by the citizen (pageCount = pages printed); absent = scanned/seen
     */
    via?: 'form_data' | 'form_print';
  }[];
  fee: {
    /** the statutory fee; null when the catalog gives none and the agent's amount stands in */
    statutoryVnd: number | null;
    /** the arithmetic or the rule: "3 trang × 1 bản = 5.000 đồng" */
    detail: string;
    /** a fee variant the agent chose ("Thuộc diện miễn lệ phí ...") */
    variantLabel?: string | null;
    /** the agent's amount and why, when it replaces the statutory fee */
    overrideVnd?: number | null;
    overrideReason?: string | null;
    serviceChargeVnd: number;
    /** fee + service charge; null while the fee is not known */
    totalVnd: number | null;
  };
  delivery: { method: 'counter' | 'post'; address?: string };
  /** 'yyyy-MM-dd', or null when the procedure's deadline is not a number of days. */
  dueDate: string | null;
  /** Why the agent accepted the dossier with required components missing. */
  overrideReason?: string | null;
  /** the citizen's consent in force: the clause (with the notice version and purposes) and how they agreed */
  consent?: { method: 'signed_receipt' | 'read_aloud'; noticeVersion: string; purposes: string[]; clause: string } | null;
};
