import { addLayer, connectPorts } from '../../../src/graph/commands';
import {
  DEFAULT_TRAINING,
  type DatasetRef,
  type Doc,
  type TrainingConfig,
} from '../../../src/graph/document';
import type { ParamValue } from '../../../src/layers/spec';

/** Horizontal distance between lane centres, in flow units (LayerNode is 216 wide). */
export const LANE_WIDTH = 250;
/** Vertical distance between rows: the app's own vertical layout spacing (LayerNode is about 46 high). */
export const ROW_HEIGHT = 72;
/** LayerNode's width: positions are top-left corners, lanes are centres. */
const NODE_WIDTH = 216;

/** Fashion-MNIST, the dataset of every image template. */
export const FASHION_MNIST: DatasetRef = { kind: 'builtin', id: 'fashion-mnist' };

/** Where a layer goes and what feeds it. */
export interface Placement {
  /** Source layer ids in target-port order (none for the Input). */
  from?: string | readonly string[];
  /** Lane: 0 is the main column, negative to the left, positive to the right (fractions allowed). */
  lane?: number;
  /** The block the layer belongs to (e.g. "res2a"), or none. */
  block?: string | null;
}

/**
 * Builds a template document through the same commands the editor uses (so the connect
 * rules check every wire). Each layer sits one row below its lowest source, in its lane,
 * which gives a clean top-down drawing without a layout engine.
 */
export class TemplateBuilder {
  private doc: Doc;
  private readonly rows = new Map<string, number>();

  constructor(name: string, dataset: DatasetRef, training: Partial<TrainingConfig>) {
    this.doc = {
      name,
      dataset,
      training: { ...DEFAULT_TRAINING, ...training },
      layers: [],
      edges: [],
      runs: [],
    };
  }

  /** Adds a layer (id = name) with its kind's defaults overridden by `params`; returns its id. */
  add(id: string, kind: string, params: Record<string, ParamValue> = {}, at: Placement = {}): string {
    const sources = at.from === undefined ? [] : typeof at.from === 'string' ? [at.from] : [...at.from];
    const row = Math.max(-1, ...sources.map((s) => this.rowOf(s))) + 1;
    const x = Math.round((at.lane ?? 0) * LANE_WIDTH - NODE_WIDTH / 2);
    this.doc = unwrap(
      addLayer(this.doc, { id, kind, name: id, params, position: { x, y: row * ROW_HEIGHT } }),
    );
    if (at.block) {
      const block = at.block;
      this.doc = { ...this.doc, layers: this.doc.layers.map((l) => (l.id === id ? { ...l, block } : l)) };
    }
    this.rows.set(id, row);
    sources.forEach((source, port) => {
      const edge = { id: `e-${source}-${id}`, source, target: id, targetPort: port };
      this.doc = unwrap(connectPorts(this.doc, edge));
    });
    return id;
  }

  /** Adds layers one after another from `from`, all in one lane and block; returns the last id. */
  chain(from: string, layers: readonly ChainLayer[], at: Omit<Placement, 'from'> = {}): string {
    return layers.reduce(
      (prev, [id, kind, params]) => this.add(id, kind, params, { ...at, from: prev }),
      from,
    );
  }

  /** The finished document. */
  build(): Doc {
    return this.doc;
  }

  private rowOf(id: string): number {
    const row = this.rows.get(id);
    if (row === undefined) throw new Error(`Unknown source layer '${id}'`);
    return row;
  }
}

/** A layer of a chain: id, kind and parameter overrides. */
export type ChainLayer = readonly [id: string, kind: string, params?: Record<string, ParamValue>];

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`Template command refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The Input layer of a Fashion-MNIST template (the example shape comes from the dataset). */
export const imageInput = (b: TemplateBuilder): string =>
  b.add('input', 'input', { source: 'dataset', layout: 'image', height: 28, width: 28, channels: 1 });

/** A convolution without bias (a batch norm follows), its batch norm and a ReLU; returns the ReLU's id. */
export function convBnRelu(
  b: TemplateBuilder,
  prefix: string,
  from: string,
  conv: { filters: number; kernelSize: number; strides?: number },
  at: Omit<Placement, 'from'> = {},
): string {
  return b.chain(
    from,
    [
      [`${prefix}_conv`, 'conv2d', { padding: 'same', useBias: false, initializer: 'heNormal', ...conv }],
      [`${prefix}_bn`, 'batch-norm'],
      [`${prefix}_relu`, 'activation', { activation: 'relu' }],
    ],
    at,
  );
}

/** A convolution with a fused ReLU, He-initialised, padded to keep the size unless told. */
export const reluConv = (filters: number, kernelSize: number, extra: Record<string, ParamValue> = {}) => ({
  filters,
  kernelSize,
  padding: 'same',
  activation: 'relu',
  initializer: 'heNormal',
  ...extra,
});
