/** A safe download file name for a project: its name without path characters, plus the extension. */
export function projectFileName(docName: string): string {
  const base = docName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'project';
  return `${base}.layerloom`;
}

/**
 * Saves text as a file download (the browser host's "Save"). The desktop shell
 * replaces this with a native dialog and an atomic write.
 */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
