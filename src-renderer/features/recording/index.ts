// The recording feature: sessions panel, export dialog, history view, status-bar cell, its own store.
import './recording.css';
import type { PanelDefinition } from '../../ui/panel';
import { SessionsPanel } from './SessionsPanel';

export const recordingPanels: PanelDefinition[] = [{ id: 'sessions', defaultDock: 'right', component: SessionsPanel, needsRecording: true }];

export { createRecordingStore, type RecordingStore } from './recordingStore';
export { RecordingProvider, useHasRecording } from './RecordingContext';
export { ExportDialog } from './ExportDialog';
export { HistoryHost } from './HistoryView';
export { RecordingIndicator } from './RecordingIndicator';
