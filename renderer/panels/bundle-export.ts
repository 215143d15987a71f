import { unpackWeightSet } from '../../src/compiler/tfjs-weights';
import { serializeProject } from '../../src/project/serialize';
import { bundleFileName, encodeWorkshopBundle } from '../../src/project/workshop-bundle';
import { APP_VERSION } from '../app-version';
import { platformDatasetCache } from '../host/dataset-cache';
import { collectDatasets } from '../state/bundle-datasets';
import type { AppStores } from '../state/stores';
import { safeBaseName } from './project-file';
import { weightsToKeep } from './project-weights';

/** Writes a bundle's bytes somewhere and returns the file's name, or null when the user cancelled. */
export type BundleSink = (bytes: Uint8Array<ArrayBuffer>) => Promise<string | null>;

/**
 * Where a bundle goes, asked before it is built (a browser's save picker needs the click
 * that started it): a sink, or null when the user cancelled.
 */
export type ChooseBundleSink = (suggestedName: string) => Promise<BundleSink | null>;

/**
 * Builds the workshop bundle of the open project: the project, the prepared data of its
 * imported datasets (from this session or the dataset cache) and its trained weights when
 * they fit the network. `choose` says where it goes; the user is told what went in.
 */
export async function exportWorkshopBundle(stores: AppStores, choose: ChooseBundleSink): Promise<void> {
  const session = stores.session.getState();
  const { doc } = stores.document.getState();
  try {
    const sink = await choose(bundleFileName(safeBaseName(doc.name)));
    if (sink === null) return;
    const [weights, datasets] = await Promise.all([
      weightsToKeep(stores).catch(() => null),
      collectDatasets(doc, stores.datasets.getState().byHash, platformDatasetCache()),
    ]);
    const tensors = weights && unpackWeightSet(weights.weights);
    const encoded = encodeWorkshopBundle({
      projectText: serializeProject(doc, APP_VERSION),
      weights: weights && tensors?.ok ? { planHash: weights.planHash, tensors: tensors.value } : null,
      datasets: datasets.data,
    });
    if (!encoded.ok) {
      const message = `${encoded.error.section}: ${encoded.error.message}`;
      return session.notify('ui.bundle.failed', { message }, 'error');
    }
    const file = await sink(encoded.value as Uint8Array<ArrayBuffer>);
    if (file === null) return;
    if (datasets.missing.length > 0)
      session.notify('ui.bundle.savedWithoutData', { file, names: datasets.missing.join(', ') }, 'error');
    else session.notify(weights ? 'ui.bundle.savedWithWeights' : 'ui.bundle.saved', { file });
  } catch (e) {
    session.notify('ui.bundle.failed', { message: (e as Error).message }, 'error');
  }
}
