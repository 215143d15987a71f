#!/usr/bin/env node
// `npm run bench`: placeholder until the benchmarks exist.
console.log('no benchmarks yet');
