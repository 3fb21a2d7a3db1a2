// The console's guard for Modbus writes: `confirm(text, encoding)` answers true to send, false to
// hold back (the operator said no, or the command is wrong: `error` says why). Render `dialog`.
import { useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { checkModbusWrite } from './modbusWrite';
import { useSources } from './useSources';

export interface ModbusWriteGuard {
  confirm(text: string, encoding: 'text' | 'hex'): Promise<{ send: boolean; error?: string }>;
  dialog: ReactNode;
}

export function useModbusWriteConfirm(): ModbusWriteGuard {
  const device = useSources((s) => s.config?.device ?? null);
  const [question, setQuestion] = useState<string | null>(null);
  const answer = useRef<((yes: boolean) => void) | null>(null);
  const close = (yes: boolean) => {
    setQuestion(null);
    answer.current?.(yes);
    answer.current = null;
  };
  return {
    async confirm(text, encoding) {
      const check = checkModbusWrite(device, text, encoding);
      if (check.kind === 'plain') return { send: true };
      if (check.kind === 'invalid') return { send: false, error: check.reason };
      setQuestion(check.question);
      const yes = await new Promise<boolean>((resolve) => (answer.current = resolve));
      return { send: yes };
    },
    dialog:
      question === null ? null : (
        <ConfirmDialog title="Write to the device" confirmLabel="Write" testId="modbus-write-confirm" onConfirm={() => close(true)} onCancel={() => close(false)}>
          <p data-testid="modbus-write-question">{question}</p>
          <p className="muted">The value goes to the device at once and may change what it does.</p>
        </ConfirmDialog>
      ),
  };
}
