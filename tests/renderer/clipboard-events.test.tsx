import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelSummary } from '../../renderer/panels/ModelSummary';
import { ViewToolbar } from '../../renderer/panels/ViewToolbar';
import { useClipboardEvents } from '../../renderer/state/use-clipboard-events';
import { renderInApp } from './render-app';

afterEach(cleanup);

function Clipboard() {
  useClipboardEvents();
  return null;
}

/** A clipboard event carrying a DataTransfer, as an Edit menu would send it. */
function clipboardEvent(type: 'copy' | 'cut' | 'paste', data: DataTransfer): Event {
  const e = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'clipboardData', { value: data });
  return e;
}

describe('clipboard events', () => {
  it('copy and paste events carry the selection as JSON', () => {
    const { stores } = renderInApp(<Clipboard />);
    act(() => stores.session.getState().select({ nodes: ['conv1', 'bn1'], edges: [] }));
    const data = new DataTransfer();
    const copy = clipboardEvent('copy', data);
    act(() => void document.body.dispatchEvent(copy));
    expect(copy.defaultPrevented).toBe(true);
    expect(JSON.parse(data.getData('text/plain')).layers).toHaveLength(2);
    const before = stores.document.getState().doc.layers.length;
    act(() => void document.body.dispatchEvent(clipboardEvent('paste', data)));
    expect(stores.document.getState().doc.layers).toHaveLength(before + 2);
    act(() => void document.body.dispatchEvent(clipboardEvent('cut', new DataTransfer())));
    expect(stores.document.getState().doc.layers).toHaveLength(before);
  });
});

describe('view toolbar and model summary', () => {
  it('toggles are pressed buttons, and the summary is a table with totals', () => {
    renderInApp(
      <>
        <ViewToolbar />
        <ModelSummary />
      </>,
    );
    const bar = screen.getByRole('toolbar', { name: 'View' });
    const summary = within(bar).getByRole('button', { name: 'Model summary' });
    expect(summary.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(summary);
    expect(summary.getAttribute('aria-pressed')).toBe('true');
    const table = within(screen.getByRole('region', { name: 'Model summary' })).getByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'conv1' })).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: 'MACs' })).toBeTruthy();
    expect(within(table).getByRole('rowheader', { name: 'Total' })).toBeTruthy();
    fireEvent.click(within(bar).getByRole('button', { name: 'Snap to grid' }));
    expect(within(bar).getByRole('button', { name: 'Snap to grid' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });
});
