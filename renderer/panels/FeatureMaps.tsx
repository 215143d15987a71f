import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewAnswer } from '../../src/training/protocol';
import { GrayCanvas } from '../charts/gray-canvas';
import { useDocument, useStores } from '../state/stores';

/** Most channels drawn (the rest are counted). */
const MAX_MAPS = 32;
/** The layer kinds whose outputs are feature maps. */
const CONV_KINDS = new Set(['conv2d', 'depthwise-conv2d']);

type Maps = Extract<ViewAnswer, { type: 'feature-maps' }>;

/** One channel of a feature-map answer, as its own array, and its value range. */
function channel(m: Maps, c: number): { values: Float32Array; range: [number, number] } {
  const values = new Float32Array(m.height * m.width);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = m.values[i * m.channels + c]!;
    values[i] = v;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return { values, range: [lo, hi > lo ? hi : lo + 1] };
}

/** The feature maps of a chosen conv layer for the chosen test image, one small picture per channel. */
export function FeatureMaps({ runId, example }: { runId: string; example: number }) {
  const { t } = useTranslation();
  const stores = useStores();
  const layers = useDocument((s) => s.doc.layers);
  const convs = useMemo(() => layers.filter((l) => CONV_KINDS.has(l.kind)), [layers]);
  const [nodeId, setNodeId] = useState(convs[0]?.id ?? '');
  const [maps, setMaps] = useState<Maps | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!nodeId) return;
    let live = true;
    void stores.trainer.view({ type: 'feature-maps', runId, nodeId, example }).then((a) => {
      if (!live) return;
      setMaps(a.type === 'feature-maps' ? a : null);
      setError(a.type === 'view-failed' ? a.message : null);
    });
    return () => {
      live = false;
    };
  }, [stores, runId, nodeId, example]);
  if (convs.length === 0) return <p className="panel__empty">{t('ui.evaluation.noConv')}</p>;
  const name = convs.find((l) => l.id === nodeId)?.name ?? nodeId;
  return (
    <section className="feature-maps" aria-label={t('ui.evaluation.featureMaps')}>
      <h3 className="evaluation__heading">{t('ui.evaluation.featureMaps')}</h3>
      <label className="evaluation__field">
        {t('ui.evaluation.layer')}
        <select value={nodeId} onChange={(e) => setNodeId(e.target.value)}>
          {convs.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="field__problem">{error}</p>}
      {maps && (
        <>
          <p className="evaluation__note">
            {t('ui.evaluation.mapsNote', {
              name,
              n: example + 1,
              h: maps.height,
              w: maps.width,
              c: maps.channels,
            })}
          </p>
          <div className="feature-maps__grid">
            {Array.from({ length: Math.min(MAX_MAPS, maps.channels) }, (_, c) => {
              const { values, range } = channel(maps, c);
              return (
                <figure key={c} className="feature-maps__map">
                  <GrayCanvas
                    width={maps.width}
                    height={maps.height}
                    values={values}
                    range={range}
                    size={64}
                    label={t('ui.evaluation.channel', { c: c + 1, name })}
                  />
                  <figcaption>{c + 1}</figcaption>
                </figure>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
