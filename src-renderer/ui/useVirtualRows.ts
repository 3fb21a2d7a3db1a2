// Long lists render only the rows in view (plus a few): @tanstack/react-virtual over the
// list's own scroll box. Rows are measured as they render (wrapping lines differ in
// height); the space of the rows not rendered is kept by a spacer before and after.
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

export interface VirtualRows {
  virtualizer: Virtualizer<HTMLElement, Element>;
  /** Index and key of each row to render, in order. */
  items: { index: number; key: string | number | bigint }[];
  /** Pixels of the rows above / below the rendered ones. */
  before: number;
  after: number;
  /** Put on each rendered row (with data-index) so its real height is used. */
  measure: (el: Element | null) => void;
}

/**
 * A list in a hidden dock tab has no height, and the virtualizer would render no row at all: it then
 * renders as if this tall, so the newest rows are in the page when the tab is shown (no blank frame).
 */
const HIDDEN_HEIGHT = 800;

export function useVirtualRows(count: number, scrollRef: RefObject<HTMLElement | null>, estimate = 22, overscan = 10): VirtualRows {
  const virtualizer = useVirtualizer<HTMLElement, Element>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    overscan,
    initialRect: { width: 0, height: HIDDEN_HEIGHT },
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: HIDDEN_HEIGHT })),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  return {
    virtualizer,
    items,
    before: first ? first.start - virtualizer.options.scrollMargin : 0,
    after: last ? Math.max(0, virtualizer.getTotalSize() - last.end) : 0,
    measure: virtualizer.measureElement,
  };
}
