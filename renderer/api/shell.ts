// Printing and saving files: the Electron shell's dialogs when present, a browser download otherwise.
import { blobUrlFor, triggerDownload } from '../ui/download';

export type FileBytes = { fileName: string; mime: string; bytes: Uint8Array };

/** True inside Electron, where a PDF can go straight to the system print dialog. */
export function canPrintPdf(): boolean {
  return typeof window.api?.printPdf === 'function';
}

export async function printPdf(file: FileBytes): Promise<void> {
  const print = window.api?.printPdf;
  if (print) await print(file.bytes);
  else saveInBrowser(file);
}

/** Saves a file; resolves false when the agent cancelled the save dialog. */
export async function saveFile(file: FileBytes): Promise<boolean> {
  const save = window.api?.saveFile;
  // the shell's dialog filters for PDF; other files take the browser's download path
  if (save && file.mime === 'application/pdf') return save(file.fileName, file.bytes);
  saveInBrowser(file);
  return true;
}

function saveInBrowser(file: FileBytes): void {
  const url = blobUrlFor(file.bytes, file.mime);
  triggerDownload(url, file.fileName);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
