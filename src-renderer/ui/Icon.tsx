// Small inline SVG icons for the toolbar (bundled, no icon font).
const PATHS = {
  connect: 'M4 8h3m2 0h3M7 5v6M9 5v6',
  disconnect: 'M3 8h3m4 0h3M6 5v6M10 5v6M5 3l6 10',
  start: 'M5 3.5v9l7-4.5z',
  stop: 'M4.5 4.5h7v7h-7z',
  pause: 'M5 3.5v9M11 3.5v9',
  resume: 'M5 3.5v9l7-4.5z',
  reset: 'M12.5 8a4.5 4.5 0 1 1-1.4-3.3M11.5 2.5v2.5H9',
  safe: 'M8 2.5l6 11H2zM8 7v3M8 11.5v.5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  const filled = name === 'start' || name === 'resume' || name === 'stop';
  return (
    <svg className="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={filled ? 1 : 1.6}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
