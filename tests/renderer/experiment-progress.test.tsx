import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ExperimentProgress } from '../../renderer/panels/ExperimentProgress';
import { renderInApp } from './render-app';

describe('ExperimentProgress', () => {
  it('shows a progress bar for every variant training and cancels them all', () => {
    const { stores } = renderInApp(<ExperimentProgress />);
    expect(screen.queryByRole('status')).toBeNull();
    act(() =>
      stores.runs.getState().setExperiment({
        id: 'e',
        kind: 'seeds',
        parallel: 2,
        cancelRequested: false,
        variants: [
          { label: 'seed 1', status: 'running', fraction: 0.25 },
          { label: 'seed 2', status: 'running', fraction: 0 },
          { label: 'seed 3', status: 'queued', fraction: 0 },
        ],
      }),
    );
    expect(screen.getByRole('status').textContent).toBe(
      'Same model, different seeds: 2 of 3 runs training, up to 2 at a time',
    );
    const list = screen.getByRole('list', { name: 'Runs of the experiment' });
    const bars = within(list).getAllByRole('progressbar');
    expect(bars.map((b) => [b.getAttribute('aria-label'), b.getAttribute('aria-valuenow')])).toEqual([
      ['Progress of seed 1', '25'],
      ['Progress of seed 2', '0'],
    ]);
    expect(list.textContent).toContain('seed 3 · waiting');
    act(() => stores.runs.getState().updateVariant(0, { status: 'failed' }));
    expect(list.textContent).toContain('seed 1 · failed');
    expect(within(list).getAllByRole('progressbar')).toHaveLength(1);
    const cancel = screen.getByRole('button', { name: 'Cancel experiment' });
    fireEvent.click(cancel);
    expect(stores.runs.getState().experiment?.cancelRequested).toBe(true);
    expect((cancel as HTMLButtonElement).disabled).toBe(true);
  });
});
