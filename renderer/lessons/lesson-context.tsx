import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { createLessonStore, type LessonState } from './lesson-store';

const LessonContext = createContext<StoreApi<LessonState> | null>(null);

/** Whether the launch URL asks for presenter mode (?presenter or ?presenter=1). */
function presenterFromUrl(): boolean {
  if (typeof window === 'undefined') return false;
  const v = new URLSearchParams(window.location.search).get('presenter');
  return v !== null && v !== '0' && v !== 'false';
}

/** Provides the lessons store (one per app). */
export function LessonProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => createLessonStore(presenterFromUrl()));
  return <LessonContext.Provider value={store}>{children}</LessonContext.Provider>;
}

/** The lessons store (a fresh idle one outside a provider, as in component tests of single panels). */
export function useLessonStore(): StoreApi<LessonState> {
  const store = useContext(LessonContext);
  const [fallback] = useState(() => (store ? null : createLessonStore()));
  return (store ?? fallback)!;
}

/** Selects from the lessons store. */
export const useLesson = <T,>(selector: (s: LessonState) => T): T => useStore(useLessonStore(), selector);
