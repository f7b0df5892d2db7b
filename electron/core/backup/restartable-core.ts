// The core behind a stable front: a restore closes it and builds it again on the restored folder, transports unchanged.
import type { AppCore } from '../app-core';
import type { RpcResult } from '../../common/contract';
import { formatErrorMessage, isAppError } from '../../common/errors';
import type { Logger } from '../ports';

/**
 * Calls made while the core is being rebuilt wait for the new one. If the rebuild fails (the restored database does
 * not open), every call answers with that error's message instead of hanging, and the app can be started again.
 */
export async function createRestartableCore(build: (requestRestart: () => void) => Promise<AppCore>, logger: Logger): Promise<AppCore> {
  let inner: AppCore;
  let ready: Promise<AppCore>;
  let restarting: Promise<AppCore> | null = null;

  const requestRestart = (): void => {
    if (restarting) return;
    const previous = inner;
    restarting = (async () => {
      await previous.close().catch((error: unknown) => logger.error('restart: close failed', { error: String(error) }));
      inner = await build(requestRestart);
      logger.info('core restarted');
      return inner;
    })();
    ready = restarting;
    restarting.then(
      () => (restarting = null),
      (error: unknown) => {
        restarting = null;
        logger.error('restart failed', { error: error instanceof Error ? error.message : String(error) });
      },
    );
  };

  inner = await build(requestRestart);
  ready = Promise.resolve(inner);

  return {
    router: {
      async dispatch(name, session, input): Promise<RpcResult<unknown>> {
        let core: AppCore;
        try {
          core = await ready;
        } catch (error) {
          const message = isAppError(error) ? error.message : formatErrorMessage('INTERNAL');
          return { ok: false, error: { code: isAppError(error) ? error.code : 'INTERNAL', message } };
        }
        return core.router.dispatch(name, session, input);
      },
    },
    openEventFeed: (...args) => inner.openEventFeed(...args),
    get events() {
      return inner.events;
    },
    get db() {
      return inner.db;
    },
    get integrity() {
      return inner.integrity;
    },
    async close() {
      const core = await ready.catch(() => null);
      await core?.close();
    },
  };
}
