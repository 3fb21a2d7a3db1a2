// Draw only when something changed and only when seen: a panel marks itself dirty (new samples
// for a visible series, input, resize) and this runs its draw on the next animation frame, at
// most once per frame, and not at all while the panel is hidden (display: none, a background
// dock tab, a hidden window). Idle frames cost nothing: no loop keeps polling.

export class DrawScheduler {
  private raf = 0;
  private dirty = false;
  private visible = true;
  private readonly observer: IntersectionObserver | null;
  private readonly onVisibility = (): void => this.kick();

  constructor(
    private readonly host: HTMLElement,
    private readonly draw: () => void,
  ) {
    this.observer =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver((entries) => {
            const last = entries[entries.length - 1];
            if (last) this.visible = last.isIntersecting;
            this.kick();
          });
    this.observer?.observe(host);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** Something changed: draw on the next frame if the panel can be seen, else when it can. */
  invalidate(): void {
    this.dirty = true;
    this.kick();
  }

  get shown(): boolean {
    return this.visible && document.visibilityState !== 'hidden' && this.host.isConnected;
  }

  dispose(): void {
    if (this.raf !== 0) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.observer?.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  private kick(): void {
    if (this.dirty && this.raf === 0 && this.shown) this.raf = requestAnimationFrame(this.frame);
  }

  private readonly frame = (): void => {
    this.raf = 0;
    if (!this.dirty || !this.shown) return;
    this.dirty = false;
    this.draw();
  };
}
