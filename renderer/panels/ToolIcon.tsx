import type { ReactNode } from 'react';

/** The toolbar's icons: 16x16 line drawings in the current text colour. */
export type ToolIconName = 'undo' | 'redo' | 'arrange' | 'fit' | 'snap' | 'summary' | 'theme';

const PATHS: Record<ToolIconName, ReactNode> = {
  undo: <path d="M6 4 2.5 7.5 6 11M3 7.5h6.5a3.5 3.5 0 0 1 0 7H7" />,
  redo: <path d="M10 4l3.5 3.5L10 11M13 7.5H6.5a3.5 3.5 0 0 0 0 7H9" />,
  arrange: (
    <>
      <rect x="5.5" y="1.5" width="5" height="3" rx="0.8" />
      <rect x="1.5" y="11.5" width="5" height="3" rx="0.8" />
      <rect x="9.5" y="11.5" width="5" height="3" rx="0.8" />
      <path d="M8 4.5v3.5M4 11.5V8h8v3.5" />
    </>
  ),
  fit: <path d="M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4M5 8h6M8 5v6" />,
  snap: (
    <>
      <path d="M1.5 5.5h13M1.5 10.5h13M5.5 1.5v13M10.5 1.5v13" />
      <circle cx="10.5" cy="10.5" r="1.6" fill="currentColor" />
    </>
  ),
  summary: (
    <>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1" />
      <path d="M1.5 6h13M1.5 9.5h13M6 2.5v11" />
    </>
  ),
  theme: <path d="M13.5 9.6A5.8 5.8 0 0 1 6.4 2.5a5.8 5.8 0 1 0 7.1 7.1z" />,
};

/** One icon, hidden from screen readers (its button carries the name). */
export function ToolIcon({ name }: { name: ToolIconName }) {
  return (
    <svg
      className="tool-icon"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
