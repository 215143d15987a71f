import { ReactFlowProvider } from '@xyflow/react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/i18n';
import { TrainingPanel } from '../../renderer/panels/TrainingPanel';
import { createAppStores } from '../../renderer/state/create-stores';
import { StoresProvider } from '../../renderer/state/stores';
import { createTrainingClient } from '../../renderer/workers/training-client';
import { lenet } from './doc-fixtures';

/** A stand-in Worker built on EventTarget, so the client's real listeners receive real events. */
class FakeWorker extends EventTarget {
  posted: { type: string }[] = [];
  terminated = false;
  postMessage(msg: { type: string }): void {
    this.posted.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** What a worker does when its script throws (an uncaught error, out of memory...). */
  crash(message: string): void {
    this.dispatchEvent(new ErrorEvent('error', { message, cancelable: true }));
  }
}

describe('a crashed training worker', () => {
  it('is reported in the panel, leaves the network as it was, and a new run starts in a new worker', () => {
    const workers: FakeWorker[] = [];
    const client = createTrainingClient({
      createWorker: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w as unknown as Worker;
      },
    });
    const stores = createAppStores(lenet(), client);
    render(
      <I18nextProvider i18n={createI18n()}>
        <StoresProvider stores={stores}>
          <ReactFlowProvider>
            <TrainingPanel />
          </ReactFlowProvider>
        </StoresProvider>
      </I18nextProvider>,
    );
    const region = screen.getByRole('region', { name: 'Training' });
    const before = stores.document.getState().doc;
    fireEvent.click(within(region).getByRole('button', { name: 'Train' }));
    expect(workers).toHaveLength(1);
    expect(workers[0]!.posted.map((m) => m.type)).toEqual(['start']);

    act(() => workers[0]!.crash('RangeError: Array buffer allocation failed'));

    expect(workers[0]!.terminated).toBe(true);
    // Running out of memory is told apart from other crashes, with advice.
    expect(within(region).getByRole('alert').textContent).toMatch(
      /training worker ran out of memory and stopped \(RangeError: Array buffer allocation failed\)\. Try a smaller batch size/,
    );
    // The network and its settings are untouched; the run history records the failed run.
    const after = stores.document.getState().doc;
    expect({ ...after, runs: before.runs }).toEqual(before);
    expect(after.layers).toBe(before.layers);
    expect(after.runs.at(-1)).toMatchObject({
      reason: 'failed',
      failure: expect.stringMatching(/ran out of memory/),
    });
    const train = within(region).getByRole('button', { name: 'Train' }) as HTMLButtonElement;
    expect(train.disabled).toBe(false);

    fireEvent.click(train);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.posted.map((m) => m.type)).toEqual(['start']);
    expect(within(region).queryByRole('alert')).toBeNull();

    // Any other crash says the worker stopped, in the UI's language.
    act(() => workers[1]!.crash('Script error.'));
    expect(within(region).getByRole('alert').textContent).toBe(
      'Training failed: The training worker stopped unexpectedly (Script error.).',
    );
  });
});
