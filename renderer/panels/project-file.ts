/** A file name base for a project: its name without path characters ('project' when nothing is left). */
export function safeBaseName(docName: string): string {
  return docName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'project';
}

/** A safe download file name for a project: its name without path characters, plus the extension. */
export function projectFileName(docName: string): string {
  return `${safeBaseName(docName)}.layerloom`;
}

/**
 * Saves a blob as a file download (the browser host's "Save"; the desktop shell's
 * window handles downloads with its own save dialog).
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Saves text as a file download (the browser host's "Save"). The desktop shell
 * replaces this with a native dialog and an atomic write.
 */
export function downloadText(fileName: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: 'application/json' }));
}
