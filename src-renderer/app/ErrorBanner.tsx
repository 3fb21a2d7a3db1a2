// Failed requests, shown under the toolbar until dismissed (or after a while).
import { useEffect } from 'react';
import { useShell, useShellActions } from './useShell';

const AUTO_DISMISS_MS = 15_000;

export function ErrorBanner() {
  const notices = useShell((s) => s.notices);
  const { dismissNotice } = useShellActions();

  const oldest = notices[0];
  useEffect(() => {
    if (!oldest) return;
    const timer = setTimeout(() => dismissNotice(oldest.id), AUTO_DISMISS_MS);
    return () => clearTimeout(timer);
  }, [oldest, dismissNotice]);

  if (notices.length === 0) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      {notices.map((n) => (
        <div className="error-line" key={n.id}>
          <span className="error-icon" aria-hidden="true">
            !
          </span>
          <span className="error-text" data-testid="error-message">
            {n.message}
          </span>
          <button type="button" className="error-close" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
