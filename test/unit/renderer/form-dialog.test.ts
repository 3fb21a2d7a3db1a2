// The source dialogs open from inside the device <form>: their own <form> must not be nested in
// it (a nested form's OK submitted natively, reloaded the page and lost the chosen source).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

const portals = vi.hoisted(() => ({ targets: [] as unknown[], markup: [] as string[] }));
vi.mock('react-dom', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react-dom')>();
  return {
    ...actual,
    // Server rendering has no portals: record where it goes and render it on its own.
    createPortal: (node: Parameters<typeof actual.createPortal>[0], target: unknown) => {
      portals.targets.push(target);
      portals.markup.push(renderToStaticMarkup(node as Parameters<typeof renderToStaticMarkup>[0]));
      return null;
    },
  };
});

const { FormDialog } = await import('../../../src-renderer/features/sources/FormDialog');

describe('FormDialog', () => {
  const body = { nodeName: 'BODY' };
  vi.stubGlobal('document', { body });
  afterEach(() => {
    portals.targets.length = 0;
    portals.markup.length = 0;
  });

  it('renders its form into the document body, not inside the surrounding form', () => {
    const dialog = createElement(FormDialog, { title: 'Replay source', submitLabel: 'Use this source', onSubmit: () => {}, onCancel: () => {}, testId: 'replay-dialog', children: 'fields' });
    const outer = renderToStaticMarkup(createElement('form', { className: 'device-form' }, dialog));
    expect(outer).toBe('<form class="device-form"></form>');
    expect(portals.targets).toEqual([body]);
    expect(portals.markup).toHaveLength(1);
    expect(portals.markup[0]).toContain('<form class="dialog-body" noValidate="">');
    expect(portals.markup[0]).toContain('data-testid="source-dialog-ok">Use this source</button>');
  });
});
