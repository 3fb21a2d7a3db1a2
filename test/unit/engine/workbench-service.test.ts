import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchRequest } from '@shared/api/contract.js';
import { WORKBENCH_FILE, WorkbenchService } from '../../../src-main/engine/services/workbench/workbench-service.js';

const dirs: string[] = [];
async function service() {
  const dir = await mkdtemp(join(tmpdir(), 'th-wb-'));
  dirs.push(dir);
  return { dir, svc: new WorkbenchService(join(dir, 'data')) };
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('workbench file in the data folder', () => {
  it('is null before the first save, then holds exactly the last text saved', async () => {
    const { dir, svc } = await service();
    expect(await svc.handlers.loadWorkbench(undefined)).toEqual({ ok: true, value: { text: null } });
    await Promise.all([svc.handlers.saveWorkbench({ text: '{"a":1}' }), svc.handlers.saveWorkbench({ text: '{"a":22}' })]);
    expect(await svc.handlers.loadWorkbench(undefined)).toEqual({ ok: true, value: { text: '{"a":22}' } });
    expect(await readFile(join(dir, 'data', WORKBENCH_FILE), 'utf8')).toBe('{"a":22}');
  });

  it('the contract refuses a text over 2 MB, naming the field', async () => {
    const { svc } = await service();
    const r = await dispatchRequest(svc.handlers as never, 'saveWorkbench', { text: 'x'.repeat(2_000_001) });
    expect(r).toMatchObject({ ok: false, error: { issues: [{ path: 'text' }] } });
  });

  it('reports a file it cannot read', async () => {
    const { dir, svc } = await service();
    await writeFile(join(dir, 'data'), 'a file where the folder should be');
    const r = await svc.handlers.loadWorkbench(undefined);
    expect(r.ok).toBe(false);
  });
});
