// JSON encoding for the HTTP transport: Uint8Array travels as { $bytes: base64 }. IPC uses structured clone instead.
export type Base64Codec = { encode(bytes: Uint8Array): string; decode(b64: string): Uint8Array };

export function encodeWire(value: unknown, codec: Base64Codec = browserCodec): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return { $bytes: codec.encode(v) };
    // JSON.stringify turns a Buffer into { type: 'Buffer', data } before the replacer sees the Uint8Array
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
      return { $bytes: codec.encode(Uint8Array.from((v as { data: number[] }).data)) };
    }
    return v;
  });
}

export function decodeWire(text: string, codec: Base64Codec = browserCodec): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$bytes' in v && typeof v.$bytes === 'string') {
      return codec.decode(v.$bytes);
    }
    return v;
  });
}

const chunk = 0x8000;
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(b64: string): Uint8Array {
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export const browserCodec: Base64Codec = { encode: bytesToBase64, decode: base64ToBytes };
