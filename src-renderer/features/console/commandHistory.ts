// Sent commands, newest last, recalled with the up/down arrows like a shell.
export interface CommandHistory {
  items: string[];
  /** Index being shown while browsing; items.length = the line being typed. */
  cursor: number;
  /** What was typed before browsing started, restored when browsing past the newest. */
  draft: string;
}

export const MAX_HISTORY = 100;

export const EMPTY_HISTORY: CommandHistory = { items: [], cursor: 0, draft: '' };

export function remember(h: CommandHistory, command: string): CommandHistory {
  const items = command === '' || h.items[h.items.length - 1] === command ? h.items : [...h.items, command].slice(-MAX_HISTORY);
  return { items, cursor: items.length, draft: '' };
}

/** Moves through the history; returns the new state and the text to show. */
export function browse(h: CommandHistory, direction: -1 | 1, current: string): { history: CommandHistory; text: string } {
  const draft = h.cursor === h.items.length ? current : h.draft;
  const cursor = Math.max(0, Math.min(h.items.length, h.cursor + direction));
  const text = cursor === h.items.length ? draft : (h.items[cursor] ?? '');
  return { history: { ...h, cursor, draft }, text };
}
