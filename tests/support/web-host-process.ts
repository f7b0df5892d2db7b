// Starts scripts/web-host.ts as a child process (so a test can stop and restart it like a real app) and a Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from './core-harness';

export type HostProcess = { url: string; origin: string; child: ChildProcess; stop(): Promise<void> };

export function startHostProcess(dataDir: string, extraArgs: string[] = []): Promise<HostProcess> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'scripts/web-host.ts'),
        '--port',
        '0',
        '--data',
        dataDir,
        ...extraArgs,
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env },
      },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${err}`)), 120_000);
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?t=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        const url = m[1];
        resolveStart({
          url,
          origin: new URL(url).origin,
          child,
          stop: () =>
            new Promise<void>((r) => {
              if (child.exitCode !== null) return r();
              // a host that does not stop in 20 s is killed: a test must not hang on shutdown
              const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
              child.once('exit', () => {
                clearTimeout(kill);
                r();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!/http:\/\/127/.test(out)) reject(new Error(`web host exited ${String(code)}: ${err}`));
    });
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
