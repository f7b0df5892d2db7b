// Electron-only helpers the renderer may ask for: the system print dialog for a PDF (from memory), and "save as".
import { BrowserWindow, dialog, ipcMain } from 'electron';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { pdfToPrintHtml } from '../core/pdf/print-html';
import type { Logger } from '../core/ports';
import { scrubOldPrintFiles } from '../core/storage/scrub';
import { isOurFrame } from './security';

function asBytes(value: unknown): Uint8Array | null {
  return value instanceof Uint8Array && value.length > 0 && value.length < 100 * 1024 * 1024 ? value : null;
}

/** Versions before 0.2 wrote each printed receipt to the temp folder and left it there: scrubbed at start. */
export function removeOldPrintFiles(): Promise<number> {
  return scrubOldPrintFiles(tmpdir());
}

export function registerShellHandlers(logger: Logger): void {
  ipcMain.handle('shell.printPdf', async (event, raw: unknown) => {
    if (!isOurFrame(event.sender, event.senderFrame)) return;
    const bytes = asBytes(raw);
    if (!bytes || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') return;
    // The receipt holds the citizen's name, ID number and address: it never reaches the disk. Chromium's PDF viewer
    // reads only files (a custom protocol does not work: electron/electron#24859), so the pages are rendered here and
    // shown as images of a data: page in a preview window; the print dialog opens over it.
    const page = await pdfToPrintHtml(bytes);
    const win = new BrowserWindow({
      width: 900,
      height: 1000,
      title: 'Xem trước khi in',
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(page.html).toString('base64')}`);
    win.webContents.print({ printBackground: true }, (success, reason) => {
      if (!success && reason !== 'cancelled') logger.warn('print failed', { reason });
    });
  });

  ipcMain.handle('shell.saveFile', async (event, fileName: unknown, raw: unknown) => {
    if (!isOurFrame(event.sender, event.senderFrame)) return false;
    const bytes = asBytes(raw);
    if (!bytes || typeof fileName !== 'string') return false;
    const parent = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: basename(fileName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return false;
    writeFileSync(result.filePath, bytes);
    return true;
  });
}
