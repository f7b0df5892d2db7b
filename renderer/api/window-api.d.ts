// Global type of the preload bridge: window.api exists only inside the Electron shell.
import type { RpcResult } from '../../electron/common/contract';

declare global {
  type PreloadApi = {
    invoke(name: string, session: string | null, input: unknown): Promise<RpcResult<unknown>>;
    subscribe(event: string, cb: (payload: unknown) => void): () => void;
    /** names the session whose events this window receives (null: none); events stop when that session ends */
    setEventSession?(session: string | null): Promise<boolean>;
    /** Electron only: print preview + system print dialog for a PDF */
    printPdf?(bytes: Uint8Array): Promise<void>;
    /** Electron only: "save as" dialog; resolves false when cancelled */
    saveFile?(fileName: string, bytes: Uint8Array): Promise<boolean>;
  };
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- merging into the DOM Window needs an interface
  interface Window {
    api?: PreloadApi;
  }
}

export {};
