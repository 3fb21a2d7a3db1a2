// The recording folder is not a remote setting: over either bridge (WebSocket,
// Electron IPC) `updateConfig` may not change it. It is chosen with the desktop
// app's native folder dialog or the host's --data-dir; both call the engine directly.
import type { TelemetryApi } from '@shared/api/contract.js';
import { fail } from '@shared/domain/result.js';

export const FOLDER_REFUSAL =
  'recording.folder cannot be changed over the API: choose it with File › Recording folder… in the desktop app, or start the host with --data-dir';

/** `api` for a bridge: the same, except an updateConfig that would move the recording folder answers `forbidden`. */
export function withoutFolderChanges(api: TelemetryApi): TelemetryApi {
  const updateConfig: TelemetryApi['updateConfig'] = async (patch) => {
    const rec = patch.recording;
    if (rec && Object.hasOwn(rec, 'folder')) {
      // The settings form sends the whole section: the folder it already has is not a change.
      const snap = await api.getSnapshot();
      if (!snap.ok) return snap;
      if (rec.folder !== snap.value.config.recording.folder) {
        return fail('forbidden', FOLDER_REFUSAL, [{ path: 'recording.folder', message: FOLDER_REFUSAL }]);
      }
    }
    return api.updateConfig(patch);
  };
  // A proxy, not a spread: the api may be a class instance (its methods live on the prototype).
  return new Proxy(api, {
    get(target, prop) {
      if (prop === 'updateConfig') return updateConfig;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
