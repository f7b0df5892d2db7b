// Test projects: unit (fast, pure), integration (real SQLite/HTTP/tesseract), e2e (Chromium through the web host).
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Integration files whose assertions hang on timing: kills at random moments that must land mid-write, deadlines
 * (a page timeout, "the slowest other call under 1 s"), event-loop stalls compared side by side. Beside another
 * test file they would measure the neighbour, so they run alone.
 */
const SERIAL_INTEGRATION = [
  'tests/integration/intake-crash.test.ts',
  'tests/integration/scan-folder.test.ts',
  'tests/integration/backup-crash.test.ts',
  'tests/integration/sync-crash.test.ts',
  'tests/integration/encryption-upgrade-crash.test.ts',
  'tests/integration/security-web-host.test.ts',
  'tests/integration/security-bombs.test.ts',
  'tests/integration/ocr-engine.test.ts',
  'tests/integration/ocr-preprocess-thread.test.ts',
  'tests/integration/electron-shell.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SERIAL_INTEGRATION],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // two files at a time: vitest's default is cpus - 1, i.e. one on a 2-core CI box, where files wait on
          // tesseract, child processes, timers and disk as much as on the CPU
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'integration-serial',
          include: SERIAL_INTEGRATION,
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // alone, one file at a time, after the parallel files (vitest runs non-parallel projects last)
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // a step waits on the web host (scrypt, OCR, PDF): 1 s, vitest's default, fails on a loaded counter PC or CI box
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
