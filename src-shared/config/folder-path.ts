// Which folders may hold recordings (and the host's data): absolute local paths
// only. A relative path would depend on the process's working directory; a UNC
// path (\\server\share) would make Windows log in to that server over SMB.

/** `win32` or anything else (POSIX); omitted: either form is accepted (the shared schema, which runs everywhere). */
export type PathFlavour = 'win32' | 'posix';

/** Why `path` cannot be a data folder, or undefined when it can. Pure: no file system access. */
export function folderPathProblem(path: string, flavour?: PathFlavour): string | undefined {
  if (path.trim() === '') return 'must not be empty';
  if (path.includes('\0')) return 'must not contain a NUL character';
  // \\server\share, //server/share, \\?\UNC\…, \\.\pipe\…: network and device paths.
  if (/^[\\/]{2}/.test(path)) return `${JSON.stringify(path)} is a network (UNC) or device path: choose a folder on a local drive`;
  const windowsDrive = /^[a-zA-Z]:[\\/]/.test(path);
  const absolute = flavour === 'win32' ? windowsDrive : flavour === 'posix' ? path.startsWith('/') : windowsDrive || path.startsWith('/');
  if (!absolute) return `${JSON.stringify(path)} is not an absolute path: give the full path (e.g. /data/telemetry or C:\\Data\\Telemetry)`;
  // A path with .. segments names a different folder than it seems to.
  if (path.split(/[\\/]/).includes('..')) return `${JSON.stringify(path)} contains "..": give the folder's own absolute path`;
  return undefined;
}

/** For the recording folder setting, where empty means "the data folder". */
export function recordingFolderProblem(folder: string, flavour?: PathFlavour): string | undefined {
  return folder === '' ? undefined : folderPathProblem(folder, flavour);
}

export function pathFlavour(platform: string): PathFlavour {
  return platform === 'win32' ? 'win32' : 'posix';
}
