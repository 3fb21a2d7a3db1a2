// Dark or light: the operator's choice, or the OS preference while the choice is "system"
// (followed live when the OS switches).
import { useEffect, useState } from 'react';
import type { ThemeChoice } from '@shared/workbench/workbench-file.js';

const QUERY = '(prefers-color-scheme: dark)';

export function effectiveTheme(choice: ThemeChoice, osDark: boolean): 'dark' | 'light' {
  if (choice === 'system') return osDark ? 'dark' : 'light';
  return choice;
}

/** Applies the theme to <html data-theme> and returns it. */
export function useTheme(choice: ThemeChoice): 'dark' | 'light' {
  const [osDark, setOsDark] = useState(() => window.matchMedia?.(QUERY).matches ?? true);
  useEffect(() => {
    const mq = window.matchMedia?.(QUERY);
    if (!mq) return;
    const on = () => setOsDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  const theme = effectiveTheme(choice, osDark);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}
