// Benchmark runner (c): stock tf.layers `trainOnBatch` on wasm with only the filter-gradient
// kernel added. usage: node --import tsx tests/bench/stock.ts <project> --warmup N --timed N
import { nodeWasmDir, readFashionMnist } from '../../src/cli/node-data';
import { takeFirst } from '../../src/data/dataset';
import { setupStockWasm, stockTrainOnBatch } from '../../src/runtime/stock-loop';
import { parseRunnerArgs, projectPlan, runMain } from './runner-common';

await runMain(async () => {
  const args = parseRunnerArgs(process.argv.slice(2));
  const { doc, plan } = projectPlan(args.file);
  const steps = args.warmup + args.timed;
  const train = takeFirst(readFashionMnist('train'), steps * doc.training.batchSize);
  await setupStockWasm(nodeWasmDir());
  const r = await stockTrainOnBatch(plan, doc.training, train, { ...args, wasmPaths: nodeWasmDir() });
  return {
    exPerSec: r.exPerSec,
    steps: r.msPerStep.length,
    firstLoss: r.losses[0],
    lastLoss: r.losses.at(-1),
  };
});
