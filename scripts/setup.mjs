#!/usr/bin/env node
// Installs what npm cannot and the test suites need, only when it is missing.
// As root on Debian: `apt-get update` once, then one `apt-get install` per package (two apt
// processes at once fail on the dpkg lock). Otherwise: print what to install, exit 1.
// LAYERLOOM_SKIP_SETUP=1 skips it. `--bench` adds what only `npm run bench` wants (OpenBLAS,
// so PyTorch's reference figure is not measured on Debian's slow reference BLAS).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the suites need from the system: how to tell it is there, and its Debian package. */
const REQUIREMENTS = [
  { what: 'Chromium (end-to-end tests)', present: () => existsSync('/usr/bin/chromium'), debian: 'chromium' },
  // Debian's own Python: the python3 first on PATH may be another build that cannot import Debian's torch.
  {
    what: 'PyTorch (checks of exported PyTorch code)',
    present: () => spawnSync('/usr/bin/python3', ['-c', 'import torch']).status === 0,
    debian: 'python3-torch',
  },
];

/** Wanted by `npm run bench` only. */
const BENCH_REQUIREMENTS = [
  {
    what: 'OpenBLAS (a fair PyTorch reference in the benchmark)',
    present: () =>
      spawnSync('dpkg-query', ['-W', '-f=${Status}', 'libopenblas0-pthread']).stdout?.includes(
        'ok installed',
      ),
    debian: 'libopenblas0-pthread',
  },
];

function apt(args) {
  console.error(`setup: apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', process.stderr, 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function main() {
  if (process.env.LAYERLOOM_SKIP_SETUP === '1') return 0;
  const wanted = process.argv.includes('--bench') ? [...REQUIREMENTS, ...BENCH_REQUIREMENTS] : REQUIREMENTS;
  const missing = wanted.filter((r) => !r.present());
  if (missing.length === 0) {
    console.error('setup: everything needed is installed');
    return 0;
  }
  const packages = missing.map((r) => r.debian);
  const canApt = process.platform === 'linux' && spawnSync('apt-get', ['--version']).status === 0;
  if (!canApt || process.getuid?.() !== 0) {
    console.error(`setup: missing ${missing.map((r) => r.what).join(', ')}. Install with:`);
    console.error(`  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
    if (!canApt) console.error('  (or the equivalent packages for your system)');
    return 1;
  }
  if (!apt(['update'])) return 1;
  for (const requirement of missing) {
    if (!apt(['install', '-y', requirement.debian]) || !requirement.present()) {
      console.error(`setup: could not install ${requirement.debian}`);
      return 1;
    }
  }
  return 0;
}

process.exitCode = main();
