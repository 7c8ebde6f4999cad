import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // No test may load the real Electron binary: it cannot be installed here.
    alias: { electron: resolve(import.meta.dirname, 'test/stubs/electron.ts') },
  },
  test: {
    reporters: ['default', './test/reporters/summary-line.ts'],
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'], tsconfig: './tsconfig.node.json' },
  },
});
