import { defineConfig } from '@playwright/test';
import os from 'node:os';

// "app": the production web build served by scripts/web.mjs, as users get it.
// "dev-smoke": a smoke test against the Vite dev server (some failures show only in one).
const APP_PORT = Number(process.env['LAYERLOOM_E2E_PORT'] ?? 4173);
const DEV_PORT = Number(process.env['LAYERLOOM_E2E_DEV_PORT'] ?? 5174);
const appUrl = `http://127.0.0.1:${APP_PORT}/`;
const devUrl = `http://127.0.0.1:${DEV_PORT}/`;
const reuseExistingServer = !process.env['CI'];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 120_000, // training tests run for a minute or so
  expect: { timeout: 15_000 },
  retries: 0,
  workers: os.cpus().length > 2 ? 2 : 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Playwright cannot download browsers here; scripts/setup.mjs installs Debian's.
      executablePath: process.env['LAYERLOOM_CHROMIUM'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    {
      name: 'app',
      testMatch: '**/*.spec.ts',
      testIgnore: '**/*.dev.spec.ts',
      use: { baseURL: appUrl },
    },
    {
      name: 'dev-smoke',
      testMatch: '**/*.dev.spec.ts',
      use: { baseURL: devUrl },
    },
  ],
  webServer: [
    {
      command: 'node scripts/web.mjs --no-build',
      env: { PORT: String(APP_PORT) },
      url: appUrl,
      reuseExistingServer,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx vite --config vite.config.ts --port ${DEV_PORT} --strictPort --host 127.0.0.1`,
      url: devUrl,
      reuseExistingServer,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
