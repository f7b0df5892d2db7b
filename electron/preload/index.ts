// Preload: exposes window.api (invoke + subscribe, and two shell helpers), channel names allow-listed from the contract.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

// replaced at build time with Object.keys(contract) and Object.keys(events) (scripts/build-electron.ts)
declare const __CALL_NAMES__: string[];
declare const __EVENT_NAMES__: string[];

const calls = new Set<string>(__CALL_NAMES__);
const events = new Set<string>(__EVENT_NAMES__);

contextBridge.exposeInMainWorld('api', {
  invoke(name: string, session: string | null, input: unknown): Promise<unknown> {
    if (!calls.has(name)) return Promise.reject(new Error(`unknown call ${name}`));
    return ipcRenderer.invoke('rpc', name, session, input);
  },
  subscribe(event: string, callback: (payload: unknown) => void): () => void {
    if (!events.has(event)) throw new Error(`unknown event ${event}`);
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on('event', listener);
    return () => ipcRenderer.removeListener('event', listener);
  },
  /** the session whose events this window receives (null: none); main checks it and stops at logout */
  setEventSession(session: string | null): Promise<boolean> {
    return ipcRenderer.invoke('events.session', session);
  },
  /** Electron only: the system print dialog for a PDF */
  printPdf(bytes: Uint8Array): Promise<void> {
    return ipcRenderer.invoke('shell.printPdf', bytes);
  },
  /** Electron only: "save as" dialog for a file */
  saveFile(fileName: string, bytes: Uint8Array): Promise<boolean> {
    return ipcRenderer.invoke('shell.saveFile', fileName, bytes);
  },
});
