// Help › Keyboard shortcuts: every accelerator of the shared menu.
import { acceleratorLabel, MENU } from '@shared/ui/menu.js';
import { Dialog } from '../ui/Dialog';

export function ShortcutsDialog({ isMac, onClose }: { isMac: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="dialog-shortcuts">
      <table className="grid-table shortcuts-table">
        <tbody>
          {MENU.flatMap((menu) =>
            menu.items.map((item) =>
              item.kind !== 'separator' && item.accelerator ? (
                <tr key={item.id}>
                  <td className="muted">{menu.label}</td>
                  <td>{item.label}</td>
                  <td>
                    <kbd>{acceleratorLabel(item.accelerator, isMac)}</kbd>
                  </td>
                </tr>
              ) : null,
            ),
          )}
          <tr>
            <td className="muted">Menu</td>
            <td>Focus the menu bar (browser)</td>
            <td>
              <kbd>F10</kbd>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="muted small">Shortcuts other than function keys are ignored while typing in a field.</p>
    </Dialog>
  );
}
