// Opening and saving project files. The browser shell uses a file picker (upload) and a download;
// Electron will use native Open/Save dialogs through the TelemetryApi (see the workbench notes).
export interface OpenedFile {
  /** File name without folders. */
  name: string;
  /** Where it came from: a path (Electron) or the file name (browser). */
  location: string;
  text: string;
}

export interface ProjectFiles {
  /** Asks for a file; null when the operator cancelled. Must be called from a click or key press. */
  open(): Promise<OpenedFile | null>;
  /** Saves `text`; `location` is where it was opened or last saved (Save), absent for Save As. */
  save(fileName: string, text: string, location?: string): Promise<{ location: string } | null>;
}

export function browserProjectFiles(doc: Document = document): ProjectFiles {
  return {
    open() {
      return new Promise((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = '.json,application/json';
        input.style.display = 'none';
        input.dataset.testid = 'project-file-input';
        const done = (value: OpenedFile | null) => {
          input.remove();
          resolve(value);
        };
        input.addEventListener('cancel', () => done(null));
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          if (!file) return done(null);
          file.text().then(
            (text) => done({ name: file.name, location: file.name, text }),
            () => done(null),
          );
        });
        doc.body.append(input);
        input.click();
      });
    },
    async save(fileName, text) {
      // A download: the browser decides the folder (usually Downloads, or it asks).
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = doc.createElement('a');
      a.href = url;
      a.download = fileName;
      doc.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { location: fileName };
    },
  };
}
