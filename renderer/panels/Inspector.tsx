import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { renameLayer, setLayerParam } from '../../src/graph/commands';
import type { LayerRecord } from '../../src/graph/document';
import { specOf, withDefaults } from '../../src/layers/registry';
import type { ParamValue } from '../../src/layers/spec';
import { formatShape } from '../../src/tensor/shape';
import type { Command } from '../state/document-store';
import { useDocument, useSession, useStores } from '../state/stores';
import { CommitField } from './CommitField';
import { LayerHelpText } from './LayerHelpText';
import { parseName, pytorchMomentum } from './field-parsing';
import { ParamField } from './ParamField';

/** Shape and parameter count of the layer, as analysis found them. */
function LayerFacts({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const shape = useDocument((s) => s.analysis.shapes.get(id));
  const count = useDocument((s) => s.analysis.params.get(id));
  const n = (v: number): string => v.toLocaleString(i18n.language);
  return (
    <dl className="facts">
      <dt>{t('ui.inspector.shape')}</dt>
      <dd>{shape ? formatShape(shape) : t('ui.node.noShape')}</dd>
      <dt>{t('ui.inspector.params')}</dt>
      <dd>
        {count
          ? t('ui.inspector.paramsValue', {
              trainable: n(count.trainable),
              nonTrainable: n(count.nonTrainable),
            })
          : '–'}
      </dd>
    </dl>
  );
}

function LayerForm({ layer }: { layer: LayerRecord }) {
  const { t } = useTranslation();
  const stores = useStores();
  const spec = specOf(layer.kind);
  const apply = (command: Command): void => {
    const error = stores.document.getState().apply(command);
    if (error) stores.session.getState().notify('ui.notice.commandRefused', { code: error.code }, 'error');
  };
  const params = spec ? withDefaults(spec, layer.params) : layer.params;
  const setParam = (name: string) => (value: ParamValue) =>
    apply((d) => setLayerParam(d, layer.id, name, value));
  return (
    <form
      className="inspector__form"
      onSubmit={(e) => e.preventDefault()}
      aria-label={t(`layer.${layer.kind}.title`)}
    >
      <CommitField
        key={`${layer.id}:name:${layer.name}`}
        label={t('ui.inspector.name')}
        value={layer.name}
        parse={parseName}
        onCommit={(name) => apply((d) => renameLayer(d, layer.id, name))}
      />
      <LayerFacts id={layer.id} />
      {spec &&
        Object.entries(spec.params).map(([name, ps]) => (
          <ParamField
            key={`${layer.id}:${name}:${String(params[name])}`}
            name={name}
            spec={ps}
            value={params[name] ?? ps.default}
            onCommit={setParam(name)}
          />
        ))}
      {layer.kind === 'batch-norm' && typeof params.momentum === 'number' && (
        <p className="inspector__note">
          {t('ui.inspector.pytorchMomentum', { value: pytorchMomentum(params.momentum) })}
        </p>
      )}
      <details className="inspector__help">
        <summary>{t('ui.inspector.help')}</summary>
        <LayerHelpText kind={layer.kind} />
      </details>
    </form>
  );
}

/**
 * Carries out the canvas's requests to focus the Inspector (Enter on a node, Rename,
 * Show help): the Name field, or the opened help text. Each request is handled once.
 */
function useInspectorFocus(section: RefObject<HTMLElement | null>, layerId: string | undefined): void {
  const request = useSession((s) => s.inspectorFocus);
  const handled = useRef(request?.serial ?? 0);
  useEffect(() => {
    const root = section.current;
    if (!request || request.serial === handled.current || !root || !layerId) return;
    handled.current = request.serial;
    if (request.target === 'name') {
      const field = root.querySelector<HTMLInputElement>('input');
      field?.focus();
      field?.select();
      return;
    }
    const help = root.querySelector<HTMLDetailsElement>('details');
    if (!help) return;
    help.open = true;
    help.querySelector<HTMLElement>('summary')?.focus();
  }, [request, layerId, section]);
}

/** The inspector: a form generated from the selected layer's spec. */
export function Inspector() {
  const { t } = useTranslation();
  const selection = useSession((s) => s.selection);
  const layer = useDocument((s) =>
    selection.nodes.length === 1 ? s.doc.layers.find((l) => l.id === selection.nodes[0]) : undefined,
  );
  const count = selection.nodes.length + selection.edges.length;
  const section = useRef<HTMLElement>(null);
  useInspectorFocus(section, layer?.id);
  return (
    <section ref={section} className="inspector panel" aria-labelledby="inspector-title">
      <h2 id="inspector-title" className="panel__title">
        {t('ui.inspector.title')}
        {layer && (
          <span className="panel__subtitle">{`${t(`layer.${layer.kind}.title`)} · ${layer.name}`}</span>
        )}
      </h2>
      {layer ? (
        <LayerForm key={layer.id} layer={layer} />
      ) : (
        <p className="panel__empty">
          {count > 1 ? t('ui.inspector.multiple', { count }) : t('ui.inspector.empty')}
        </p>
      )}
    </section>
  );
}
