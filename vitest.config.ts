// Test projects: unit (fast, pure), integration (real SQLite/HTTP/tesseract), e2e (Chromium through the web host).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
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
