import type { Analysis } from '../../src/analysis/analyze';
import { exportKeras } from '../../src/compiler/export-keras';
import { exportPyTorch } from '../../src/compiler/export-pytorch';
import { exportTfjsCode } from '../../src/compiler/export-tfjs-code';
import { compilePlan } from '../../src/compiler/plan';
import type { Diagnostic } from '../../src/diagnostics/diagnostic';
import type { Doc } from '../../src/graph/document';
import { safeBaseName } from './project-file';

/** The code formats of the Export dialog, one tab each, in tab order. */
export const CODE_FORMATS = ['pytorch', 'keras', 'tfjs'] as const;
export type CodeFormat = (typeof CODE_FORMATS)[number];

/** The file a format is saved as, named after the project (`<project>.py`, `<project>_keras.py`, `<project>.ts`). */
export function codeFileName(docName: string, format: CodeFormat): string {
  const base = safeBaseName(docName);
  switch (format) {
    case 'pytorch':
      return `${base}.py`;
    case 'keras':
      return `${base}_keras.py`;
    case 'tfjs':
      return `${base}.ts`;
  }
}

/** The MIME type of a saved code file. */
export const codeMimeType = (format: CodeFormat): string =>
  format === 'tfjs' ? 'text/typescript' : 'text/x-python';

/** The files of an exported tfjs model, named after the project: `<project>.json` and `<project>.weights.bin`. */
export function modelFileNames(docName: string): { json: string; bin: string } {
  const base = safeBaseName(docName);
  return { json: `${base}.json`, bin: `${base}.weights.bin` };
}

/** A document's code in one format, or the first error that keeps it from compiling. */
export type ExportedCode = { ok: true; text: string } | { ok: false; error: Diagnostic };

/** Compiles the document and renders its code in a format (pure). */
export function exportedCode(doc: Doc, analysis: Analysis, format: CodeFormat): ExportedCode {
  const plan = compilePlan(doc, analysis);
  if (!plan.ok) return { ok: false, error: plan.error[0]! };
  switch (format) {
    case 'pytorch':
      return { ok: true, text: exportPyTorch(doc, plan.value) };
    case 'keras':
      return { ok: true, text: exportKeras(doc, plan.value) };
    case 'tfjs':
      return { ok: true, text: exportTfjsCode(doc, plan.value) };
  }
}
