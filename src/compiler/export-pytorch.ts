import type { Doc } from '../graph/document';
import { exportGraph, py } from './export-common';
import { torchLayer } from './export-pytorch-layers';
import { PYTORCH_PRELUDE } from './export-pytorch-prelude';
import { pytorchTrainScript } from './export-pytorch-train';
import type { ModelPlan } from './plan';

/** PyTorch's layout of the app's example shape: [h, w, c] becomes (c, h, w). */
export function torchInputShape(shape: readonly number[]): number[] {
  return shape.length === 3 ? [shape[2]!, shape[0]!, shape[1]!] : [...shape];
}

function modelClass(plan: ModelPlan): string {
  const g = exportGraph(plan);
  const init: string[] = [];
  const forward: string[] = [];
  for (const e of g.nodes) {
    const t = torchLayer(e);
    const label = e.node.name === e.node.id ? e.node.id : `${e.node.id} (${e.node.name})`;
    init.push(`        # ${label}: ${e.node.className}${t.note ? `; ${t.note}` : ''}`);
    init.push(`        self.${e.ident} = ${t.expr}`);
    const args = e.node.inputs.map((i) => g.identOf.get(i)!).join(', ');
    forward.push(`        ${e.ident} = self.${e.ident}(${args})`);
  }
  forward.push(`        return ${g.identOf.get(plan.outputId)!}`);
  const ids = Object.fromEntries(g.nodes.map((e) => [e.ident, e.node.id]));
  return `INPUT_SHAPE = ${py(torchInputShape(plan.inputShape))}  # one example, PyTorch's layout
# Module attribute -> the app's layer (graph node) id.
NODE_IDS = ${py(ids)}


class LayerloomModel(nn.Module):
    """The layers of the Layerloom graph, in its topological order. forward() returns the
    logits (the app's Output head applies softmax + cross-entropy in the loss)."""

    def __init__(self):
        super().__init__()
${init.join('\n')}

    def forward(self, ${g.inputIdent}):
${forward.join('\n')}


def build_model(seed=1):
    """The model with freshly initialised weights (Keras initialisers, zero biases) from seed."""
    torch.manual_seed(seed)
    return LayerloomModel()
`;
}

/**
 * Exports a compiled model as one self-contained PyTorch file: helper modules that compute
 * what the app's tfjs layers compute, an nn.Module mirroring the plan (forward() in
 * topological order; rank-4 tensors in NCHW, flattened and reshaped in the app's NHWC
 * order so weights have the same layout), build_model(seed), and a training script
 * (`python3 model.py --data DIR`) reproducing the project's data and training settings,
 * runnable on CPU, GPU, and as several DistributedDataParallel processes.
 */
export function exportPyTorch(doc: Doc, plan: ModelPlan): string {
  const head =
    plan.head.kind === 'classification'
      ? { kind: 'classification' as const }
      : { kind: 'regression' as const, loss: plan.head.loss };
  const header = `"""${doc.name.replace(/"""/g, "'''") || 'Model'}: exported from Layerloom.

Run: python3 <this file> --data <folder with the Fashion-MNIST IDX .gz files>
Several processes (DistributedDataParallel, env:// rendezvous), e.g. two on one machine:
  MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 WORLD_SIZE=2 RANK=0 LOCAL_RANK=0 python3 <this file> &
  MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 WORLD_SIZE=2 RANK=1 LOCAL_RANK=1 python3 <this file>
(or torchrun, where it works). gloo is used on CPU, nccl on GPUs.

Layout: images are NCHW here (NHWC in the app); Flatten and Reshape permute back to NHWC
first, so a Dense layer's weights line up with the app's.
Parameters: ${plan.params.trainable} trainable, ${plan.params.nonTrainable} non-trainable (running statistics).
"""
`;
  const train = pytorchTrainScript({
    config: doc.training,
    datasetId: doc.dataset.id,
    inputShape: plan.inputShape,
    head,
  });
  return `${header}${PYTORCH_PRELUDE}\n\n${modelClass(plan)}\n\n${train}`;
}
