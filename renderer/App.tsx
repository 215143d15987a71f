import { ReactFlowProvider } from '@xyflow/react';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { Canvas } from './canvas/Canvas';
import { useMenuCommands } from './host/use-menu-commands';
import { LessonProvider } from './lessons/lesson-context';
import { LessonPanel } from './lessons/LessonPanel';
import './lessons/lessons.css';
import { useLessonLayout } from './lessons/use-lesson-layout';
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
  const lesson = useLessonLayout();
  const edit = lesson.shows('inspector') || lesson.shows('problems');
  return (
    <div className={`app ${lesson.className}`.trim()}>
      <Toolbar />
      <FileProblemAlert />
      <ImportProblemAlert />
      <div className="workspace" style={lesson.style}>
        {lesson.active && <LessonPanel />}
        {lesson.shows('palette') && <Palette />}
        <Canvas />
        {edit && (
          <div className="side side--edit">
            {lesson.shows('inspector') && <Inspector />}
            {lesson.shows('problems') && <ProblemsPanel />}
          </div>
        )}
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
        <LessonProvider>
          <ReactFlowProvider>
            <Shell />
          </ReactFlowProvider>
        </LessonProvider>
      </StoresProvider>
    </I18nextProvider>
  );
}
