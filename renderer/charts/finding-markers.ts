import { findingText, type Translate } from '../diag-text';
import type { LayerFinding } from '../state/layer-stats-reducer';
import type { ChartMarker } from './ChartMarkers';

/** A finding's marker with the layer it is about (picking the marker selects that layer). */
export interface FindingMarker extends ChartMarker {
  nodeId: string;
}

/** The severity of a finding: non-finite values are errors, the rest warnings. */
export const findingSeverity = (f: Pick<LayerFinding, 'code'>): 'error' | 'warning' =>
  f.code === 'health/non-finite' ? 'error' : 'warning';

/**
 * The run's findings as chart markers: one tick at the step where each was first raised
 * (the trainer raises each finding once per layer), with its line of text in the UI's
 * language naming the step, the epoch when known, the layer and what was found.
 */
export function findingMarkers(
  findings: readonly LayerFinding[],
  names: ReadonlyMap<string, string>,
  t: Translate,
): FindingMarker[] {
  return findings.map((f) => {
    const values = { step: f.step, epoch: f.epoch, layer: names.get(f.nodeId) ?? f.nodeId };
    const message = findingText(t, f);
    const key = f.epoch === undefined ? 'ui.chart.findingMarker' : 'ui.chart.findingMarkerEpoch';
    return {
      // The trainer raises each code once per layer, so this is unique within a run.
      id: `${f.step}-${f.nodeId}-${f.code}`,
      x: f.step,
      severity: findingSeverity(f),
      label: t(key, { ...values, message }),
      nodeId: f.nodeId,
    };
  });
}
