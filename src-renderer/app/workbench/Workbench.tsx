// The docking area (dockview): every registered panel — the live plot too — can be split, tabbed,
// floated, maximised, resized and popped out into its own window. The workbench store restores and
// saves the layout; this component keeps the panels in step with the View menu and shortcuts.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DockviewReact, themeDark, themeLight, type DockviewApi, type DockviewReadyEvent, type IDockviewPanelProps } from 'dockview-react';
import 'dockview-react/dist/styles/dockview.css';
import { useStore } from 'zustand';
import type { PanelId } from '@shared/ui/panels.js';
import { useStoreApi } from '../../state/StoreContext';
import type { TelemetryState } from '../telemetryStore';
import { connectPlotPanels, instrumentsFor, localKeyStore } from '../../features/plots';
import type { InstancePanelDefinition } from '../../ui/panel';
import { INSTANCE_PANELS, type PanelRegistration } from '../panelRegistry';
import { HeaderActions, POPOUT_URL } from './HeaderActions';
import { plotOpener } from './instanceOpener';
import { InstancePanelFrame, PanelFrame } from './PanelFrame';
import { PanelTab } from './PanelTab';
import { placePanel } from './placement';
import type { WorkbenchStore } from './workbenchStore';

interface Props {
  workbench: WorkbenchStore;
  panels: readonly PanelRegistration[];
  dark: boolean;
}

/** Opens, shows or hides panels of a kind in dockview. */
function panelOps(api: DockviewApi, registry: readonly PanelRegistration[]) {
  const reg = (id: string) => registry.find((p) => p.id === id);
  const ofKind = (kind: PanelId) => api.panels.filter((p) => p.api.component === kind);
  return {
    open(kind: PanelId) {
      const r = reg(kind);
      if (!r) return;
      const existing = ofKind(kind)[0];
      if (existing) return existing.api.setActive();
      api.addPanel({ id: kind, component: kind, title: r.title, ...placePanel(api, r, (k) => reg(k)?.defaultDock) });
    },
    close(kind: PanelId) {
      for (const p of ofKind(kind)) p.api.close();
    },
    /** A panel in a hidden tab is brought to the front; a visible one is closed. */
    toggle(kind: PanelId) {
      const panels = ofKind(kind);
      if (panels.length === 0) return this.open(kind);
      const shown = panels.some((p) => p.api.isVisible && p.group.activePanel === p);
      if (shown) this.close(kind);
      else panels[0]?.api.setActive();
    },
  };
}

/** A per-instance panel (a plot) with the dock's id and params handed down. */
function InstanceHost({ def, dock }: { def: InstancePanelDefinition; dock: IDockviewPanelProps }) {
  const { api } = dock;
  const setParams = useCallback((p: Record<string, unknown>) => api.updateParameters(p), [api]);
  const setTitle = useCallback((t: string) => api.setTitle(t), [api]);
  const close = useCallback(() => api.close(), [api]);
  const params = (dock.params ?? {}) as Record<string, unknown>;
  return <InstancePanelFrame panel={def} props={{ id: api.id, params, setParams, setTitle, close }} />;
}

export function Workbench({ workbench, panels, dark }: Props) {
  const store = useStoreApi<TelemetryState>();
  const apiRef = useRef<DockviewApi | null>(null);
  const loaded = useStore(workbench, (s) => s.loaded);

  const [dockApi, setDockApi] = useState<DockviewApi | null>(null);

  const components = useMemo(
    () =>
      Object.fromEntries([
        ...panels.map((p) => [p.id, (_props: IDockviewPanelProps) => <PanelFrame panel={p} />]),
        ...INSTANCE_PANELS.map((d) => [d.kind, (props: IDockviewPanelProps) => <InstanceHost def={d} dock={props} />]),
      ]),
    [panels],
  );

  const onReady = (event: DockviewReadyEvent) => {
    apiRef.current = event.api;
    workbench.getState().actions.attach(event.api);
    setDockApi(event.api);
  };

  // Once the saved layout is in place: "Add plot" opens dock panels; old localStorage plots move in.
  useEffect(() => {
    const plotKind = INSTANCE_PANELS[0];
    if (!loaded || !dockApi || !plotKind) return;
    const { plots } = instrumentsFor(store.getState().actions.onSamples);
    const dockOf = (kind: string) => panels.find((p) => p.id === kind)?.defaultDock;
    return connectPlotPanels(plots, plotOpener(dockApi, plotKind, dockOf), localKeyStore());
  }, [loaded, dockApi, store, panels]);

  useEffect(
    () => () => {
      if (apiRef.current) workbench.getState().actions.detach(apiRef.current);
    },
    [workbench],
  );

  // View commands for panels go through dockview (a panel in a hidden tab is shown, not closed).
  useEffect(() => {
    const { handleCommand } = store.getState().actions;
    const offs = panels.map((p) =>
      handleCommand(p.command, () => {
        if (apiRef.current) panelOps(apiRef.current, panels).toggle(p.id);
      }),
    );
    return () => offs.forEach((off) => off());
  }, [store, panels]);

  // Panels opened or closed through the store (a status-bar cell, a test) are put in or taken out.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        const api = apiRef.current;
        if (!api || s.ui.panels === prev.ui.panels) return;
        const ops = panelOps(api, panels);
        const present = new Set(api.panels.map((p) => p.api.component));
        for (const p of panels) {
          if (s.ui.panels[p.id] && !present.has(p.id)) ops.open(p.id);
          else if (!s.ui.panels[p.id] && present.has(p.id)) ops.close(p.id);
        }
      }),
    [store, panels],
  );

  // Save before the page goes away (the debounced save may not have run yet).
  useEffect(() => {
    const flush = () => workbench.getState().actions.flush();
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
    };
  }, [workbench]);

  return (
    <div className="workbench" data-testid="workbench" aria-busy={!loaded}>
      <DockviewReact
        components={components}
        onReady={onReady}
        theme={dark ? themeDark : themeLight}
        defaultTabComponent={PanelTab}
        rightHeaderActionsComponent={HeaderActions}
        popoutUrl={POPOUT_URL}
        keyboardNavigation
        getTabContextMenuItems={() => ['close', 'closeOthers', 'separator', 'maximize', 'float', 'popout']}
      />
    </div>
  );
}
