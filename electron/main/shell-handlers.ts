// Electron-only helpers the renderer may ask for: the system print dialog for a PDF, and "save as".
import { BrowserWindow, dialog, ipcMain } from 'electron';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../core/ports';
import { isOurFrame } from './security';

function asBytes(value: unknown): Uint8Array | null {
  return value instanceof Uint8Array && value.length > 0 && value.length < 100 * 1024 * 1024 ? value : null;
}

export const printTempPrefix = join(tmpdir(), 'dai-ly-dvc-print-');

export function registerShellHandlers(logger: Logger): void {
  ipcMain.handle('shell.printPdf', async (event, raw: unknown) => {
    if (!isOurFrame(event.sender, event.senderFrame)) return;
    const bytes = asBytes(raw);
    if (!bytes || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') return;
    const dir = mkdtempSync(printTempPrefix);
    const file = join(dir, 'phieu.pdf');
    writeFileSync(file, bytes);
    // Chromium's PDF viewer in a visible preview window; the print dialog opens over it
    const win = new BrowserWindow({
      width: 900,
      height: 1000,
      title: 'Xem trước khi in',
      webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    await win.loadURL(pathToFileURL(file).href);
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
