// File › Recording folder…: the one way the desktop app moves its recordings. A
// native folder dialog in the main process (the renderer cannot name a path), then
// the engine directly; a network or relative path is refused with the reason.
import type { BrowserWindow, Dialog, MenuItemConstructorOptions, OpenDialogOptions } from 'electron';
import type { TelemetryApi } from '@shared/api/contract.js';
import { folderPathProblem, pathFlavour } from '@shared/config/folder-path.js';

export const RECORDING_FOLDER_ITEM_ID = 'file-recording-folder';

export interface RecordingFolderDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showErrorBox'>;
  window: () => BrowserWindow | null;
  /** The engine's own api (not the bridge's, which refuses folder changes). */
  api: Pick<TelemetryApi, 'updateConfig'>;
  platform?: NodeJS.Platform;
}

/** Asks for a folder and applies it; answers the folder set, or undefined (cancelled or refused). */
export async function chooseRecordingFolder(deps: RecordingFolderDeps): Promise<string | undefined> {
  const options: OpenDialogOptions = { title: 'Recording folder', buttonLabel: 'Record here', properties: ['openDirectory', 'createDirectory'] };
  const win = deps.window();
  const choice = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
  const folder = choice.filePaths[0];
  if (choice.canceled || !folder) return undefined;
  const problem = folderPathProblem(folder, pathFlavour(deps.platform ?? process.platform));
  if (problem) {
    deps.dialog.showErrorBox('Recording folder not changed', `The recording folder must be on a local drive: ${problem}.`);
    return undefined;
  }
  const res = await deps.api.updateConfig({ recording: { folder } });
  if (!res.ok) {
    deps.dialog.showErrorBox('Recording folder not changed', res.error.message);
    return undefined;
  }
  return folder;
}

/** Adds the item to the File menu, right after Export… (or at the end of the first group without it). */
export function withRecordingFolderItem(template: MenuItemConstructorOptions[], onClick: () => void): MenuItemConstructorOptions[] {
  const item: MenuItemConstructorOptions = { id: RECORDING_FOLDER_ITEM_ID, label: 'Recording folder…', click: onClick };
  return template.map((menu) => {
    if (menu.id !== 'file' || !Array.isArray(menu.submenu)) return menu;
    const items = [...menu.submenu];
    const exportAt = items.findIndex((i) => i.id === 'file-export');
    const firstSeparator = items.findIndex((i) => i.type === 'separator');
    items.splice(exportAt >= 0 ? exportAt + 1 : firstSeparator < 0 ? items.length : firstSeparator, 0, item);
    return { ...menu, submenu: items };
  });
}
