// The web host's event stream read with fetch, so the host and session tokens travel in headers (EventSource can only
// put them in the URL, where they reach logs and history); a minimal text/event-stream parser.

export type StreamEnd = { status: number };

export type EventStreamOptions = {
  url: string;
  headers: Record<string, string>;
  onEvent(event: string, data: string): void;
  /** the stream ended: status 200 when the host closed it (session over), the refusal's status, or 0 on network error */
  onEnd(end: StreamEnd): void;
};

/** Feeds text chunks in, calls back once per complete event (an `event:` name and its `data:` lines). */
export function createSseParser(onEvent: (event: string, data: string) => void): (chunk: string) => void {
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    let newline = buffer.search(/\r?\n/);
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(buffer[newline] === '\r' ? newline + 2 : newline + 1);
      if (line === '') {
        if (data.length > 0) onEvent(event, data.join('\n'));
        event = 'message';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      newline = buffer.search(/\r?\n/);
    }
  };
}

export function openEventStream(options: EventStreamOptions): { close(): void } {
  const controller = new AbortController();
  let closed = false;
  const finish = (end: StreamEnd) => {
    if (closed) return;
    closed = true;
    options.onEnd(end);
  };
  void (async () => {
    try {
      const response = await fetch(options.url, { headers: options.headers, signal: controller.signal, cache: 'no-store' });
      const body = response.body;
      if (!response.ok || !body) return finish({ status: response.status });
      const reader = body.getReader();
      const decoder = new TextDecoder();
      const feed = createSseParser(options.onEvent);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        feed(decoder.decode(value, { stream: true }));
      }
      finish({ status: 200 });
    } catch {
      finish({ status: 0 });
    }
  })();
  return {
    close() {
      closed = true;
      controller.abort();
    },
  };
}
