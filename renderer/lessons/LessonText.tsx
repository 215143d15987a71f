import type { ReactNode } from 'react';

/** Inline text with **bold** spans. */
function inline(text: string): ReactNode[] {
  return text
    .split(/(\*\*[^*]+\*\*)/g)
    .map((part, i) =>
      part.startsWith('**') && part.endsWith('**') && part.length > 4 ? (
        <strong key={i}>{part.slice(2, -2)}</strong>
      ) : (
        part
      ),
    );
}

/** A block of lesson text: a paragraph, or a list when every line starts with "- ". */
function Block({ text }: { text: string }) {
  const lines = text.split('\n');
  if (lines.every((l) => l.startsWith('- ')))
    return (
      <ul>
        {lines.map((l, i) => (
          <li key={i}>{inline(l.slice(2))}</li>
        ))}
      </ul>
    );
  return <p>{inline(text.replace(/\n/g, ' '))}</p>;
}

/**
 * Lesson text from the catalog in "markdown-lite": blank lines separate paragraphs, lines
 * starting with "- " form a list, **double stars** make bold. Everything else is plain text
 * (no HTML is ever interpreted).
 */
export function LessonText({ text }: { text: string }) {
  const blocks = text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <div className="lesson-text">
      {blocks.map((b, i) => (
        <Block key={i} text={b} />
      ))}
    </div>
  );
}
