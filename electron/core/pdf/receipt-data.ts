// What a receipt shows: the data the intake hands to the receipt renderer.

export type ReceiptData = {
  office: { code: string; name: string; address: string; phone?: string };
  agentName: string;
  localCode: string;
  /** Epoch ms of the receipt; shown in Vietnam time. */
  createdAt: number;
  applicant: { fullName: string; idNumber: string; dateOfBirth: string; phone: string; address: string };
  procedure: { code: string; name: string };
  mode: 'online' | 'postal' | 'direct';
  /** kind: 'submit' (phải nộp) or 'show' (phải xuất trình); null counts mean the catalog did not say. */
  components: {
    name: string;
    kind: 'submit' | 'show';
    pageCount: number;
    originals: number | null;
    copies: number | null;
  }[];
  /** Đồng; 0 = free, null = not known. */
  feeVnd: number | null;
  delivery: { method: 'counter' | 'post'; address?: string };
  /** 'yyyy-MM-dd', or null when the procedure's deadline is not a number of days. */
  dueDate: string | null;
  /** Why the agent accepted the dossier with required components missing. */
  overrideReason?: string | null;
};
