import { ReactFlowProvider } from '@xyflow/react';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { Canvas } from './canvas/Canvas';
import { useMenuCommands } from './host/use-menu-commands';
import { FileProblemAlert, StatusRegion } from './panels/Notices';
import { ImportProblemAlert } from './panels/ImportModelButton';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { RecoveryDialog } from './panels/RecoveryDialog';
import { ProblemsPanel } from './panels/ProblemsPanel';
import { Toolbar } from './panels/Toolbar';
import { TrainingPanel } from './panels/TrainingPanel';
import { StoresProvider, type AppStores } from './state/stores';
import { useClipboardEvents } from './state/use-clipboard-events';
import { useTheme } from './state/use-theme';
import { useShortcuts } from './state/use-shortcuts';

/** The window's layout: toolbar, palette, canvas, inspector and problems, training. */
function Shell() {
  useShortcuts();
  useClipboardEvents();
  useTheme();
  useMenuCommands();
  return (
    <div className="app">
      <Toolbar />
      <FileProblemAlert />
      <ImportProblemAlert />
      <div className="workspace">
        <Palette />
        <Canvas />
        <div className="side side--edit">
          <Inspector />
          <ProblemsPanel />
        </div>
        <div className="side side--train">
          <TrainingPanel />
        </div>
      </div>
      <StatusRegion />
      <RecoveryDialog />
    </div>
  );
}

/** The whole app, given its stores (with the trainer) and its i18n instance. */
export function App({ stores, i18n }: { stores: AppStores; i18n: i18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <StoresProvider stores={stores}>
        <ReactFlowProvider>
          <Shell />
        </ReactFlowProvider>
      </StoresProvider>
    </I18nextProvider>
  );
}
