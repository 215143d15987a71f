import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Parsed } from './field-parsing';

/** Props of a text or number field that commits on Enter or blur. */
export interface CommitFieldProps<T> {
  label: string;
  /** The committed value as text; the field resets when it changes (give it a key). */
  value: string;
  parse(text: string): Parsed<T>;
  onCommit(value: T): void;
  type?: 'text' | 'number';
  min?: number;
  max?: number;
  step?: number | 'any';
  unit?: string;
  placeholder?: string;
  disabled?: boolean;
}

/**
 * A labelled input whose draft is committed on Enter or when it loses focus. An
 * invalid draft shows why (linked with aria-describedby) and is not committed;
 * Escape restores the committed value.
 */
export function CommitField<T>(p: CommitFieldProps<T>) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(p.value);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = (): void => {
    if (draft === p.value) return setProblem(null);
    const r = p.parse(draft);
    if (!r.ok) return setProblem(t(r.key, r.values));
    setProblem(null);
    p.onCommit(r.value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') commit();
    else if (e.key === 'Escape') {
      setDraft(p.value);
      setProblem(null);
    }
  };
  return (
    <div className={`field${problem ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{p.label}</label>
      <div className="field__control">
        <input
          id={id}
          type={p.type ?? 'text'}
          value={draft}
          min={p.min}
          max={p.max}
          step={p.step}
          placeholder={p.placeholder}
          disabled={p.disabled}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
        {p.unit && <span className="field__unit">{p.unit}</span>}
      </div>
      {problem && (
        <p id={`${id}-problem`} className="field__problem">
          {problem}
        </p>
      )}
    </div>
  );
}
