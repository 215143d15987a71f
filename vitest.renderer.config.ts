import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Component and renderer-logic tests in happy-dom. */
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'happy-dom',
    include: ['tests/renderer/**/*.test.{ts,tsx}'],
    passWithNoTests: true,
    testTimeout: 30_000,
  },
});
