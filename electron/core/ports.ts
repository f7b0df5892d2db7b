// Ports: everything core needs from the outside world comes in through these types.
export type Clock = { now(): number };

export type Ids = { uuid(): string; token(): string };

export type LogFields = Record<string, unknown>;
export type Logger = {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
};

export const systemClock: Clock = { now: () => Date.now() };
