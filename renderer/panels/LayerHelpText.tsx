import { useTranslation } from 'react-i18next';

/**
 * A layer kind's help text (formula and typical use) from the catalog's `layer.<kind>.help`;
 * shown by the Inspector's "About this layer" and the palette's help popover.
 */
export function LayerHelpText({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <p className="layer-help__text">{t(`layer.${kind}.help`)}</p>;
}
