// Help › About.
import { version as reactVersion } from 'react';
import { Dialog } from '../ui/Dialog';

function chromeVersion(): string {
  return /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? 'unknown';
}

export function AboutDialog({ nativeShell, onClose }: { nativeShell: boolean; onClose: () => void }) {
  return (
    <Dialog title="About TelemetryHub" onClose={onClose} testId="dialog-about">
      <div className="about">
        <div className="about-name">TelemetryHub Desktop</div>
        <p>Live device telemetry for operators: acquisition, processing and display of device channels.</p>
        <table className="grid-table">
          <tbody>
            <tr>
              <td className="muted">Shell</td>
              <td>{nativeShell ? 'Electron' : 'Browser (host server)'}</td>
            </tr>
            <tr>
              <td className="muted">Chromium</td>
              <td>{chromeVersion()}</td>
            </tr>
            <tr>
              <td className="muted">React</td>
              <td>{reactVersion}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
