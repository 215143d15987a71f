import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { grayscaleInput } from '../../src/data/image-preprocess';
import { ClassBars } from '../charts/ClassBars';
import { GrayCanvas } from '../charts/gray-canvas';
import { useStores } from '../state/stores';

/** Draws a picture file at w × h and reads its RGBA bytes (the browser decodes and resizes it). */
async function rgbaOf(file: File, w: number, h: number): Promise<Uint8ClampedArray> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  return ctx.getImageData(0, 0, w, h).data;
}

/**
 * "Try your own image": a file picker and drop zone; the picture is made grayscale,
 * resized to the model's input and scaled to [0, 1] like the dataset, shown as the model
 * sees it, and the predicted class probabilities are drawn as bars.
 */
export function TryImage({
  runId,
  width,
  height,
  names,
}: {
  runId: string;
  width: number;
  height: number;
  names: readonly string[];
}) {
  const { t } = useTranslation();
  const stores = useStores();
  const [file, setFile] = useState<File | null>(null);
  const [invert, setInvert] = useState(false);
  const [input, setInput] = useState<Float32Array | null>(null);
  const [probs, setProbs] = useState<Float32Array | null>(null);
  const [error, setError] = useState<string | null>(null);

  const predict = async (f: File, inv: boolean): Promise<void> => {
    setError(null);
    try {
      const pixels = grayscaleInput(await rgbaOf(f, width, height), width * height, inv);
      setInput(pixels);
      const a = await stores.trainer.view({ type: 'predict-image', runId, pixels: pixels.slice() });
      if (a.type === 'image-prediction') setProbs(a.probabilities);
      else setError(a.type === 'view-failed' ? a.message : null);
    } catch (e) {
      setProbs(null);
      setError(
        t('ui.evaluation.imageUnreadable', {
          name: f.name,
          message: e instanceof Error ? e.message : String(e),
        }),
      );
    }
  };
  const take = (f: File | undefined): void => {
    if (!f) return;
    setFile(f);
    void predict(f, invert);
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    take(e.dataTransfer.files[0]);
  };
  const best = probs ? probs.indexOf(Math.max(...probs)) : -1;
  return (
    <section className="try-image" aria-label={t('ui.evaluation.tryImage')}>
      <h3 className="evaluation__heading">{t('ui.evaluation.tryImage')}</h3>
      <div className="try-image__drop" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <label className="evaluation__field">
          {t('ui.evaluation.chooseImage')}
          <input type="file" accept="image/*" onChange={(e) => take(e.target.files?.[0])} />
        </label>
        <span className="evaluation__note">{t('ui.evaluation.dropHint', { w: width, h: height })}</span>
        <label className="evaluation__check">
          <input
            type="checkbox"
            checked={invert}
            onChange={(e) => {
              setInvert(e.target.checked);
              if (file) void predict(file, e.target.checked);
            }}
          />
          {t('ui.evaluation.invert')}
        </label>
      </div>
      {error && (
        <p className="field__problem" role="alert">
          {error}
        </p>
      )}
      {input && probs && (
        <div className="try-image__result">
          <GrayCanvas
            width={width}
            height={height}
            values={input}
            range={[0, 1]}
            size={112}
            label={t('ui.evaluation.preprocessed')}
          />
          <ClassBars
            caption={t('ui.evaluation.probabilities', { name: names[best] ?? best })}
            names={names}
            values={Array.from(probs)}
            highlight={best}
          />
        </div>
      )}
    </section>
  );
}
