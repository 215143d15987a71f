import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createI18n } from './i18n';
import { createAppStores } from './state/create-stores';
import { initialDocument } from './state/initial-document';
import './styles.css';
import './editor.css';
import { createTrainingClient } from './workers/training-client';

/** Entry point: creates the trainer, the stores and i18n once, and mounts the app into #root. */
function main(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('Invariant failed: #root is missing from index.html');
  const trainer = createTrainingClient();
  window.addEventListener('pagehide', () => trainer.dispose(), { once: true });
  const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  // Experiments train their extra variants in workers of their own (each disposed when its run ends).
  const spawn = (wasmThreads: number) => createTrainingClient({ wasmThreads });
  const stores = createAppStores(initialDocument(), trainer, prefersDark ? 'dark' : 'light', spawn);
  createRoot(root).render(
    <StrictMode>
      <App stores={stores} i18n={createI18n()} />
    </StrictMode>,
  );
}

main();
