// Saves bytes from the API as a file through a temporary blob: link (works in Electron and in a browser).
export function blobUrlFor(bytes: Uint8Array, mime: string): string {
  // copy into a fresh ArrayBuffer: the Blob constructor wants ArrayBuffer-backed views
  return URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mime }));
}

export function triggerDownload(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
