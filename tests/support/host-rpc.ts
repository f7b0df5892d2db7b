// A contract call to a running web host, as the renderer's HTTP transport makes it (host token and session headers).
import { decodeWire, encodeWire } from '../../electron/common/wire';
import type { HostProcess } from './web-host-process';

export async function hostRpc<T>(
  host: Pick<HostProcess, 'url' | 'origin'>,
  name: string,
  session: string | null,
  input: unknown,
): Promise<T> {
  const url = new URL(host.url);
  const res = await fetch(`${host.origin}/rpc/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-host-token': url.searchParams.get('t') ?? '',
      'x-session': session ?? '',
    },
    body: encodeWire(input),
  });
  const r = decodeWire(await res.text()) as { ok: boolean; value: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${name}: ${r.error?.message ?? ''}`);
  return r.value;
}
