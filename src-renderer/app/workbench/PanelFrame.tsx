// The frame every docked panel gets: its root carries the registry id (`data-panel-id`), and an
// error boundary keeps one crashing panel from taking the window down.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { InstancePanelDefinition, InstancePanelProps } from '../../ui/panel';
import type { PanelRegistration } from '../panelRegistry';

class PanelErrorBoundary extends Component<{ title: string; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`panel ${this.props.title} failed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <p>
          The {this.props.title} panel stopped: {this.state.error.message}
        </p>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}

export function PanelFrame({ panel }: { panel: PanelRegistration }) {
  const Content = panel.component;
  return (
    <section className={`panel-frame panel-${panel.id}`} data-panel-id={panel.id} aria-label={panel.title}>
      <PanelErrorBoundary title={panel.title}>
        <Content />
      </PanelErrorBoundary>
    </section>
  );
}

/** The frame of a panel that opens once per instance (a plot): the dock's id and params go to it. */
export function InstancePanelFrame({ panel, props }: { panel: InstancePanelDefinition; props: InstancePanelProps }) {
  const Content = panel.component;
  return (
    <section className={`panel-frame panel-${panel.kind}`} data-panel-id={panel.kind} data-instance-id={props.id} aria-label={panel.title}>
      <PanelErrorBoundary title={panel.title}>
        <Content {...props} />
      </PanelErrorBoundary>
    </section>
  );
}
