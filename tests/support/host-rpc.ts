// A contract call to a running web host, as the renderer's HTTP transport makes it (host token and session headers).
import { decodeWire, encodeWire } from '../../electron/common/wire';
import type { HostProcess } from './web-host-process';

/** A refusal from core: the router's code (SELF_REVIEW, CONFLICT…) beside its Vietnamese message. */
export class HostRpcError extends Error {
  constructor(
    readonly call: string,
    readonly code: string,
    message: string,
  ) {
    super(`${call}: ${message}`);
  }
}

type RpcHost = Pick<HostProcess, 'url' | 'origin'> & { child?: Pick<HostProcess['child'], 'exitCode'> };

/** A kept-alive socket the host closed while idle (Node's 5 s keep-alive timeout) fails the next request at once. */
const staleSocket = (error: unknown) =>
  error instanceof TypeError && ['UND_ERR_SOCKET', 'ECONNRESET'].includes((error.cause as { code?: string } | undefined)?.code ?? '');

export async function hostRpc<T>(host: RpcHost, name: string, session: string | null, input: unknown): Promise<T> {
  const send = () =>
    fetch(`${host.origin}/rpc/${name}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-host-token': new URL(host.url).searchParams.get('t') ?? '',
        'x-session': session ?? '',
      },
      body: encodeWire(input),
    });
  // such a request never reached the host: sent once more on a fresh socket (never when the host itself is gone)
  const res = await send().catch((error: unknown) => {
    if (staleSocket(error) && (host.child?.exitCode ?? null) === null) return send();
    throw error;
  });
  const r = decodeWire(await res.text()) as { ok: boolean; value: T; error?: { code: string; message: string } };
  if (!r.ok) throw new HostRpcError(name, r.error?.code ?? '', r.error?.message ?? '');
  return r.value;
}

/** The session token of a user signed in through the contract (not the browser). */
export async function hostLogin(host: RpcHost, username: string, password: string): Promise<string> {
  return (await hostRpc<{ token: string }>(host, 'auth.login', null, { username, password })).token;
}

/** `hostRpc` bound to a host that a test starts later (and may restart): `rpc(name, session, input)`. */
export function rpcTo(current: () => RpcHost): <T>(name: string, session: string | null, input: unknown) => Promise<T> {
  return <T>(name: string, session: string | null, input: unknown) => hostRpc<T>(current(), name, session, input);
}
