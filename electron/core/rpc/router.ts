// The router: validates input against the contract, resolves the caller's session, calls core, returns a result value.
import { z } from 'zod';
import { contract, type CallName, type Contract, type RpcResult } from '../../common/contract';
import { AppError, formatErrorMessage, isAppError } from '../../common/errors';
import type { Actor } from '../auth/actor';
import type { Logger } from '../ports';

export type CallContext = { actor: Actor; session: string };
export type PublicContext = { actor: null; session: string | null };

type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
type Output<N extends CallName> = z.input<Contract[N]['output']>;
type Ctx<N extends CallName> = Contract[N]['access'] extends 'public' ? PublicContext : CallContext;

export type Handlers = {
  [N in CallName]: (ctx: Ctx<N>, input: ParsedInput<N>) => Output<N> | Promise<Output<N>>;
};

export type Router = {
  dispatch(name: string, session: string | null, input: unknown): Promise<RpcResult<unknown>>;
};

function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.code === 'too_small' ? 'Ô này không được để trống hoặc quá ngắn.' : 'Giá trị không hợp lệ.';
  }
  return fields;
}

/** The details a message template names, as plain values (lists joined as the Vietnamese message joins them). */
function errorParams(details: AppError['details']): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
    else if (typeof value === 'boolean') params[key] = String(value);
    else if (Array.isArray(value)) params[key] = value.join(', ');
  }
  return params;
}

export function toRpcError(error: unknown, logger: Logger, name: string): RpcResult<never> {
  if (isAppError(error)) {
    const fields = error.details.fields;
    const params = errorParams(error.details);
    return {
      ok: false,
      error: {
        code: error.code,
        message: error.message,
        ...(fields ? { fields } : {}),
        ...(Object.keys(params).length > 0 ? { params } : {}),
      },
    };
  }
  // the error's name and stack frames only: an unexpected error's message may quote citizen data (a parser quoting its
  // input, a constraint quoting a value), and the logger's scrubbing catches numbers, not names
  logger.error('call failed', { call: name, error: error instanceof Error ? `${error.name}\n${stackFrames(error)}` : typeof error });
  return { ok: false, error: { code: 'INTERNAL', message: formatErrorMessage('INTERNAL') } };
}

/** The "at …" lines of a stack, without the message lines above them. */
export function stackFrames(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

export function createRouter(deps: {
  handlers: Handlers;
  resolveSession: (token: string | null) => { actor: Actor };
  logger: Logger;
}): Router {
  const { handlers, resolveSession, logger } = deps;
  return {
    async dispatch(name, session, rawInput) {
      try {
        if (!isCallName(name)) throw new AppError('NOT_FOUND', { call: name });
        const spec = contract[name];
        const parsed = spec.input.safeParse(rawInput ?? {});
        if (!parsed.success) throw new AppError('VALIDATION', { fields: zodFields(parsed.error) });
        const handler = handlers[name] as (ctx: CallContext | PublicContext, input: unknown) => unknown;
        const ctx: CallContext | PublicContext =
          spec.access === 'public' ? { actor: null, session } : { actor: resolveSession(session).actor, session: session ?? '' };
        const value = await handler(ctx, parsed.data);
        const out = spec.output.safeParse(value);
        if (!out.success) {
          logger.error('output does not match contract', { call: name, issues: JSON.stringify(out.error.issues.slice(0, 3)) });
          throw new Error(`contract violation in ${name}`);
        }
        return { ok: true, value: out.data };
      } catch (error) {
        return toRpcError(error, logger, name);
      }
    },
  };
}
