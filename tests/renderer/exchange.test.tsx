import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useMenuCommands } from '../../renderer/host/use-menu-commands';
import { ExportButton } from '../../renderer/panels/ExportDialog';
import { codeFileName, modelFileNames } from '../../renderer/panels/export-code';
import { importPickedFiles, type PickedFile } from '../../renderer/panels/import-model';
import { ImportModelButton, ImportProblemAlert } from '../../renderer/panels/ImportModelButton';
import { modelSource } from '../../renderer/panels/use-export-model';
import { useTrainingActions } from '../../renderer/panels/use-training-actions';
import { startingWeights } from '../../renderer/state/exchange-store';
import { compilePlan } from '../../src/compiler/plan';
import { planHash } from '../../src/compiler/plan-hash';
import { packWeightSet } from '../../src/compiler/tfjs-weights';
import { CHANNEL_METHODS, EVENT_METHODS } from '../../src/ipc/channels';
import { lenet } from './doc-fixtures';
import { renderInApp } from './render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A Keras Sequential model.json (as tfjs writes it): Dense 4 -> 3 on 4 inputs, with a manifest. */
function denseModelJson(extra: Record<string, unknown> = {}) {
  return {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'tiny',
        layers: [
          {
            class_name: 'Dense',
            config: { name: 'hidden', units: 3, activation: 'relu', batch_input_shape: [null, 4], ...extra },
          },
          { class_name: 'Dense', config: { name: 'logits', units: 2, activation: 'linear' } },
        ],
      },
    },
    weightsManifest: [
      {
        paths: ['./tiny.weights.bin'],
        weights: [
          { name: 'hidden/kernel', shape: [4, 3], dtype: 'float32' },
          { name: 'hidden/bias', shape: [3], dtype: 'float32' },
          { name: 'logits/kernel', shape: [3, 2], dtype: 'float32' },
          { name: 'logits/bias', shape: [2], dtype: 'float32' },
        ],
      },
    ],
  };
}
const enc = (v: unknown): Uint8Array =>
  new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const binOf = (n = 12 + 3 + 6 + 2): Uint8Array<ArrayBuffer> =>
  new Uint8Array(Float32Array.from({ length: n }, (_, i) => i / 10).buffer as ArrayBuffer);

describe('export file names and the trained-model source', () => {
  it('names files after the project', () => {
    expect(codeFileName('My net', 'pytorch')).toBe('My net.py');
    expect(codeFileName('My net', 'keras')).toBe('My net_keras.py');
    expect(codeFileName('a/b', 'tfjs')).toBe('a b.ts');
    expect(modelFileNames('LeNet')).toEqual({ json: 'LeNet.json', bin: 'LeNet.weights.bin' });
  });

  it('takes the run’s weights for its own plan, else imported ones, else says why not', () => {
    const imported = { planHash: 'h2', weights: packWeightSet([]), file: 'm.json' };
    expect(modelSource(null, { planHash: 'h1', step: 5 }, null)).toEqual({ ok: false, reason: 'errors' });
    expect(modelSource('h1', { planHash: null, step: 0 }, null)).toEqual({ ok: false, reason: 'untrained' });
    expect(modelSource('h1', { planHash: 'h1', step: 0 }, null)).toEqual({ ok: false, reason: 'untrained' });
    expect(modelSource('h1', { planHash: 'h1', step: 3 }, imported)).toEqual({ ok: true, from: 'run' });
    expect(modelSource('h2', { planHash: 'h1', step: 3 }, imported)).toEqual({
      ok: true,
      from: 'imported',
      imported,
    });
    expect(modelSource('h3', { planHash: 'h1', step: 3 }, imported)).toEqual({
      ok: false,
      reason: 'changed',
    });
    expect(startingWeights(imported, 'h2')).toEqual({ initialWeights: imported.weights });
    expect(startingWeights(imported, 'h1')).toEqual({});
  });
});

describe('importPickedFiles', () => {
  const json = (v: unknown, name = 'model.json'): PickedFile => ({ name, bytes: enc(v) });

  it('imports the topology and, when the .bin is picked too, the weights in plan order', () => {
    const r = importPickedFiles([json(denseModelJson()), { name: 'tiny.weights.bin', bytes: binOf() }]);
    if (!r.ok) throw new Error(r.messages.join());
    expect(r.doc.layers.map((l) => l.id)).toEqual(['input', 'hidden', 'logits', 'output']);
    expect(r.weights!.map((w) => w.name)).toEqual([
      'hidden/kernel',
      'hidden/bias',
      'logits/kernel',
      'logits/bias',
    ]);
    expect(Array.from(r.weights![1]!.values)).toEqual([12, 13, 14].map((i) => Math.fround(i / 10)));
    const without = importPickedFiles([json(denseModelJson())]);
    expect(without).toMatchObject({ ok: true, weights: null, missingWeights: ['./tiny.weights.bin'] });
  });

  it('names the file and the place of each problem', () => {
    expect(importPickedFiles([json('{"modelTopology": ', 'broken.json')])).toMatchObject({
      ok: false,
      file: 'broken.json',
      messages: [expect.stringMatching(/^not valid JSON \(.*(position|end)/i)],
    });
    const unknown = denseModelJson();
    unknown.modelTopology.config.layers[1]!.class_name = 'GRU';
    expect(importPickedFiles([json(unknown)])).toMatchObject({
      ok: false,
      file: 'model.json',
      messages: ["layer 'logits': class GRU has no Layerloom equivalent"],
    });
    expect(
      importPickedFiles([json(denseModelJson()), { name: 'tiny.weights.bin', bytes: binOf(10) }]),
    ).toMatchObject({
      ok: false,
      messages: [expect.stringMatching(/^weight 'hidden\/kernel' runs past the end/)],
    });
    expect(importPickedFiles([json({}), json({}, 'b.json')])).toMatchObject({
      ok: false,
      file: 'model.json, b.json',
    });
  });
});

describe('the Export dialog', () => {
  it('opens from the toolbar with one tab per format, previews code, switches with the arrow keys', () => {
    renderInApp(<ExportButton />, lenet());
    fireEvent.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = screen.getByRole('dialog', { name: 'Export code' });
    const tabs = within(dialog).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['PyTorch', 'Keras (Python)', 'tfjs (TypeScript)']);
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    const panel = within(dialog).getByRole('tabpanel');
    expect(panel.textContent).toContain('class Conv2d(nn.Conv2d):');
    expect(panel.textContent).toMatch(/self\.\w+ = Conv2d\(/);
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    expect(within(dialog).getByRole('tab', { name: 'Keras (Python)' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(within(dialog).getByRole('tabpanel').textContent).toContain('layers.Conv2D(');
    fireEvent.keyDown(tabs[1]!, { key: 'End' });
    expect(within(dialog).getByRole('tabpanel').textContent).toContain('tf.layers.conv2d(');
  });

  it('copies the code with a confirmation, and says what to do when the clipboard is refused', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderInApp(<ExportButton />, lenet());
    fireEvent.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('status').textContent).toBe('Copied to the clipboard'),
    );
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('class LayerloomModel(nn.Module)'));
    writeText.mockImplementationOnce(() => Promise.reject(new Error('denied')));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('status').textContent).toMatch(/clipboard is not available/),
    );
  });

  it('names the first error instead of showing code, with Copy and Save disabled', () => {
    const doc = lenet();
    renderInApp(<ExportButton />, { ...doc, edges: doc.edges.slice(1) });
    fireEvent.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('alert').textContent).toMatch(/^The model has errors.*First error: \S/);
    expect(within(dialog).queryByRole('tabpanel')?.querySelector('pre')).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Copy' })).toHaveProperty('disabled', true);
    expect(within(dialog).getByRole('button', { name: 'Save…' })).toHaveProperty('disabled', true);
  });

  it('disables "Export trained model" with the reason while nothing was trained', () => {
    renderInApp(<ExportButton />, lenet());
    fireEvent.click(screen.getByRole('button', { name: 'Export…' }));
    const button = screen.getByRole('button', { name: 'Export trained model' });
    expect(button).toHaveProperty('disabled', true);
    const why = document.getElementById(button.getAttribute('aria-describedby')!);
    expect(why?.textContent).toMatch(/train the model first/);
  });
});

describe('Import model in the app', () => {
  const pick = (input: HTMLElement, files: File[]) => fireEvent.change(input, { target: { files } });

  it('replaces the document as one undoable edit and keeps the weights for the session', async () => {
    const { stores } = renderInApp(
      <>
        <ImportModelButton />
        <ImportProblemAlert />
      </>,
      lenet(),
    );
    const before = stores.document.getState().doc;
    pick(screen.getByLabelText('Model files to import (model.json and .bin)'), [
      new File([JSON.stringify(denseModelJson())], 'model.json'),
      new File([binOf()], 'tiny.weights.bin'),
    ]);
    await waitFor(() => expect(stores.document.getState().doc.name).toBe('tiny'), { timeout: 10_000 });
    expect(stores.document.getState().doc.layers.map((l) => l.kind)).toEqual([
      'input',
      'dense',
      'dense',
      'output',
    ]);
    expect(stores.exchange.getState().imported?.weights.specs).toHaveLength(4);
    stores.document.getState().undo();
    expect(stores.document.getState().doc).toBe(before);
  });

  it('shows the problem with the file name and leaves the document alone', async () => {
    const { stores } = renderInApp(
      <>
        <ImportModelButton />
        <ImportProblemAlert />
      </>,
      lenet(),
    );
    const before = stores.document.getState().doc;
    pick(screen.getByLabelText('Model files to import (model.json and .bin)'), [
      new File(['{ nope'], 'weird-model.json'),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Could not import weird-model\.json.*not valid JSON/);
    expect(stores.document.getState().doc).toBe(before);
  });
});

/** A fake desktop API: every channel answers null, openModel answers `model`; menu commands can be sent. */
function installDesktop(model: () => Promise<unknown>) {
  const menu: ((p: unknown) => void)[] = [];
  const api: Record<string, unknown> = {};
  for (const method of Object.values(CHANNEL_METHODS)) api[method] = vi.fn(async () => null);
  for (const method of Object.values(EVENT_METHODS)) api[method] = () => () => {};
  api['onMenuCommand'] = (l: (p: unknown) => void) => (menu.push(l), () => {});
  api['openModel'] = vi.fn(model);
  vi.stubGlobal('layerloom', api);
  return { send: (command: string) => menu.forEach((l) => l({ command })) };
}

function MenuCommands() {
  useMenuCommands();
  return null;
}

describe('Import model.json… in the desktop menu', () => {
  it('imports the model.json and weights the main process read', async () => {
    const desktop = installDesktop(async () => ({
      files: [
        { name: 'model.json', bytes: enc(denseModelJson()) },
        { name: 'tiny.weights.bin', bytes: binOf() },
      ],
    }));
    const { stores } = renderInApp(<MenuCommands />, lenet());
    desktop.send('import-model');
    await waitFor(() => expect(stores.document.getState().doc.name).toBe('tiny'), { timeout: 10_000 });
    expect(stores.exchange.getState().imported?.weights.specs).toHaveLength(4);
    expect(stores.session.getState().notice?.key).toBe('ui.exchange.importedWithWeights');
  });

  it('keeps the document when the dialog is cancelled or the files cannot be read', async () => {
    let answer: () => Promise<unknown> = async () => null;
    const desktop = installDesktop(() => answer());
    const { stores } = renderInApp(<MenuCommands />, lenet());
    const before = stores.document.getState().doc;
    desktop.send('import-model');
    await new Promise((r) => setTimeout(r, 0));
    expect(stores.session.getState().notice).toBeNull();
    expect(stores.document.getState().doc).toBe(before);
    answer = async () => {
      throw new Error("model.json: weightsManifest[0].paths[0]: '../x.bin' is not a file name beside it");
    };
    desktop.send('import-model');
    await waitFor(() => expect(stores.session.getState().notice?.key).toBe('ui.exchange.importReadFailed'));
    expect(stores.session.getState().notice?.tone).toBe('error');
    expect(stores.document.getState().doc).toBe(before);
  });
});

/** A bare Train button on the real training actions. */
function TrainButton() {
  const actions = useTrainingActions();
  return (
    <button type="button" onClick={() => actions.start()}>
      Train
    </button>
  );
}

describe('training from imported weights', () => {
  it('sends them in the start message while the model still compiles to their plan', () => {
    const doc = lenet();
    const plan = compilePlan(doc);
    if (!plan.ok) throw new Error('lenet must compile');
    const { stores, trainer } = renderInApp(<TrainButton />, doc);
    const weights = packWeightSet([{ name: 'conv1/kernel', shape: [1], values: new Float32Array([1]) }]);
    stores.exchange.getState().setImported({ planHash: planHash(plan.value), weights, file: 'm.json' });
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    expect(trainer.starts[0]!.initialWeights).toBe(weights);
    stores.exchange.getState().setImported({ planHash: 'another plan', weights, file: 'm.json' });
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    expect(trainer.starts[1]!.initialWeights).toBeUndefined();
  });
});
