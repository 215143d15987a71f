import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocument, useExchange, useStores } from '../state/stores';
import { CODE_FORMATS, codeFileName, codeMimeType, exportedCode, type CodeFormat } from './export-code';
import { ModalDialog } from './ModalDialog';
import { downloadBlob } from './project-file';
import { useExportModel } from './use-export-model';
import './ExportDialog.css';

/** The code, one line per element so CSS can number the lines (the numbers are not copied). */
function CodePreview({ text, label }: { text: string; label: string }) {
  const lines = useMemo(() => text.replace(/\n$/, '').split('\n'), [text]);
  return (
    <pre className="export__code" tabIndex={0} aria-label={label}>
      <code>
        {lines.map((line, i) => (
          <span key={i} className="export__line">
            {line}
            {'\n'}
          </span>
        ))}
      </code>
    </pre>
  );
}

/** The tab strip: arrow keys, Home and End move between formats (roving focus). */
function FormatTabs({
  id,
  format,
  onChoose,
}: {
  id: string;
  format: CodeFormat;
  onChoose(f: CodeFormat): void;
}) {
  const { t } = useTranslation();
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = CODE_FORMATS.indexOf(format);
    const n = CODE_FORMATS.length;
    const next = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onChoose(CODE_FORMATS[next]!);
    document.getElementById(`${id}-tab-${CODE_FORMATS[next]!}`)?.focus();
  };
  return (
    <div className="export__tabs" role="tablist" aria-label={t('ui.exchange.formats')} onKeyDown={onKey}>
      {CODE_FORMATS.map((f) => (
        <button
          key={f}
          id={`${id}-tab-${f}`}
          type="button"
          role="tab"
          className="export__tab"
          aria-selected={f === format}
          aria-controls={`${id}-panel`}
          tabIndex={f === format ? 0 : -1}
          onClick={() => onChoose(f)}
        >
          {t(`ui.exchange.format.${f}`)}
        </button>
      ))}
    </div>
  );
}

/** Copies text; the confirmation or the fallback advice is announced in the dialog's status line. */
function useCopy(): { status: string; copy(text: string): void; reset(): void } {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const copy = (text: string): void => {
    const clipboard = navigator.clipboard as Clipboard | undefined;
    const refused = (): void => setStatus(t('ui.exchange.copyRefused'));
    if (!clipboard) return refused();
    clipboard.writeText(text).then(() => setStatus(t('ui.exchange.copied')), refused);
  };
  return { status, copy, reset: () => setStatus('') };
}

/** "Export trained model": a button, disabled with its reason while no trained weights fit the model. */
function TrainedModelExport() {
  const { t } = useTranslation();
  const id = useId();
  const { source, exportModel } = useExportModel();
  const [busy, setBusy] = useState(false);
  const run = (): void => {
    setBusy(true);
    void exportModel().finally(() => setBusy(false));
  };
  const note = source.ok
    ? t(`ui.exchange.modelFrom.${source.from}`)
    : t(`ui.exchange.modelUnavailable.${source.reason}`);
  return (
    <div className="export__model">
      <button
        type="button"
        className="button"
        disabled={!source.ok || busy}
        aria-describedby={`${id}-why`}
        onClick={run}
      >
        {t('ui.exchange.exportModel')}
      </button>
      <span id={`${id}-why`} className="export__note">
        {note}
      </span>
    </div>
  );
}

/**
 * The modal Export dialog: one tab per code format with a read-only preview of the
 * current document's code, Copy and Save…, and "Export trained model". While the graph
 * has errors it names the first one instead of showing code. Escape or Close closes it
 * and returns focus to the control that opened it.
 */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const stores = useStores();
  const id = useId();
  const doc = useDocument((s) => s.doc);
  const analysis = useDocument((s) => s.analysis);
  const [format, setFormat] = useState<CodeFormat>('pytorch');
  const code = useMemo(() => exportedCode(doc, analysis, format), [doc, analysis, format]);
  const clip = useCopy();
  const choose = (f: CodeFormat): void => {
    setFormat(f);
    clip.reset();
  };
  const save = (): void => {
    if (!code.ok) return;
    const file = codeFileName(doc.name, format);
    downloadBlob(file, new Blob([code.text], { type: codeMimeType(format) }));
    stores.session.getState().notify('ui.notice.saved', { file });
  };
  return (
    <ModalDialog
      title={t('ui.exchange.title')}
      className="export"
      titleClassName="export__heading"
      headClassName="export__head"
      headExtra={<FormatTabs id={id} format={format} onChoose={choose} />}
      onClose={onClose}
    >
      {(close) => (
        <>
          <div
            id={`${id}-panel`}
            role="tabpanel"
            className="export__panel"
            aria-labelledby={`${id}-tab-${format}`}
          >
            {code.ok ? (
              <CodePreview
                text={code.text}
                label={t('ui.exchange.preview', { format: t(`ui.exchange.format.${format}`) })}
              />
            ) : (
              <p role="alert" className="alert export__error">
                {t('ui.exchange.hasErrors', { message: code.error.message })}
              </p>
            )}
          </div>
          <div className="export__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={!code.ok}
              onClick={() => code.ok && clip.copy(code.text)}
            >
              {t('ui.exchange.copy')}
            </button>
            <button type="button" className="button" disabled={!code.ok} onClick={save}>
              {t('ui.exchange.save')}
            </button>
            <span role="status" className="export__status">
              {clip.status}
            </span>
            <span className="export__spacer" />
            <button type="button" className="button" onClick={close}>
              {t('ui.exchange.close')}
            </button>
          </div>
          <TrainedModelExport />
        </>
      )}
    </ModalDialog>
  );
}

/** The toolbar's "Export…" button; the dialog is also opened by the desktop menu's Export command. */
export function ExportButton() {
  const { t } = useTranslation();
  const stores = useStores();
  const open = useExchange((s) => s.exportOpen);
  const setOpen = (v: boolean): void => stores.exchange.getState().setExportOpen(v);
  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('ui.exchange.open')}
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}
