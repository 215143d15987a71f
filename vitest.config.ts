import { defineConfig } from 'vitest/config';

/** Node-side tests: the pure core, the runtime, Electron's main-process modules. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/golden/**/*.test.ts', 'tests/parity/**/*.test.ts'],
    passWithNoTests: true,
    testTimeout: 60_000,
  },
});
