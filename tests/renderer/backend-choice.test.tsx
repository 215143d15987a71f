import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TrainingProgress } from '../../renderer/panels/TrainingProgress';
import { TrainingSettings } from '../../renderer/panels/TrainingSettings';
import { pickText } from '../../renderer/panels/backend-view';
import en from '../../assets/locales/en.json';
import { renderInApp } from './render-app';

describe('backend choice', () => {
  it('saves the chosen backend in the training config; Auto removes the choice', () => {
    const { stores } = renderInApp(<TrainingSettings />);
    const select = screen.getByRole('combobox', { name: en.ui.training.backendChoice });
    expect((select as HTMLSelectElement).value).toBe('auto');
    fireEvent.change(select, { target: { value: 'wasm' } });
    expect(stores.document.getState().doc.training.backend).toBe('wasm');
    expect((select as HTMLSelectElement).value).toBe('wasm');
    fireEvent.change(select, { target: { value: 'auto' } });
    expect(stores.document.getState().doc.training.backend).toBeUndefined();
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(Object.values(en.ui.training.backendOptions));
  });

  it("shows which backend 'auto' picked and the rates it measured", () => {
    const { stores, trainer } = renderInApp(<TrainingProgress />);
    stores.training.getState().begin('run-1', stores.document.getState().doc.training);
    act(() =>
      trainer.emit({
        type: 'started',
        runId: 'run-1',
        backend: 'wasm',
        reason: 'x',
        batchesPerEpoch: 10,
        epochs: 1,
        pick: {
          backend: 'wasm',
          why: 'fastest',
          probe: [
            { backend: 'wasm', kind: 'measured', examplesPerSec: 1850.2 },
            { backend: 'webgl', kind: 'measured', examplesPerSec: 40 },
            { backend: 'webgpu', kind: 'skipped', why: 'unavailable', detail: 'no webgpu device' },
          ],
        },
      }),
    );
    expect(screen.getByText('Backend: wasm', { exact: false }).textContent).toBe(
      'Backend: wasm (fastest of wasm 1,850 ex/s, webgl 40 ex/s; webgpu not available)',
    );
  });

  it('words every kind of pick from the catalog', () => {
    const t = (key: string, values?: Record<string, string>) =>
      `${key}${values ? JSON.stringify(values) : ''}`;
    const rate = (n: number) => String(Math.round(n));
    expect(pickText({ backend: 'cpu', why: 'requested', probe: [] }, t, rate)).toBe(
      'ui.training.backendPick.requested{"rates":""}',
    );
    expect(pickText({ backend: 'wasm', why: 'only', probe: [] }, t, rate)).toBe(
      'ui.training.backendPick.onlyHere{"rates":""}',
    );
    const software = { backend: 'webgl', kind: 'skipped', why: 'software', detail: 'SwiftShader' } as const;
    expect(
      pickText(
        {
          backend: 'wasm',
          why: 'only',
          probe: [software, { backend: 'wasm', kind: 'measured', examplesPerSec: 9.6 }],
        },
        t,
        rate,
      ),
    ).toBe(
      'ui.training.backendPick.only{"rates":"ui.training.backendPick.rate{\\"backend\\":\\"wasm\\",\\"speed\\":\\"10\\"}"}; ' +
        'ui.training.backendPick.software{"backend":"webgl","detail":"SwiftShader"}',
    );
  });
});
