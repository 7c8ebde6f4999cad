import { defineConfig } from 'vitest/config';

// Benchmarks run through vitest only as a TypeScript runner: each file
// measures and prints its figures; nothing here asserts a time.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 600_000,
    fileParallelism: false,
  },
});
