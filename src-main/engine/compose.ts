// The composition root: builds the engine's services, joins their handlers into the contract and
// their snapshots into one, and wires their events. Nothing else creates a service.
import { userInfo } from 'node:os';
import { pino, type Logger } from 'pino';
import type { Registry } from 'prom-client';
import { apiFromHandlers, REQUEST_NAMES, type RequestHandlers, type TelemetryApi } from '@shared/api/contract.js';
import { EventHub } from '@shared/api/event-hub.js';
import type { Snapshot } from '@shared/api/snapshot.js';
import { fail, ok } from '@shared/domain/result.js';
import type { AlarmJournalSink } from './alarms/journal.js';
import type { Engine, EngineDiagnostics, EngineOptions } from './engine-types.js';
import { AcquisitionService } from './services/acquisition/acquisition-service.js';
import { AlarmsService } from './services/alarms/alarms-service.js';
import { BreakerService } from './services/breaker/breaker-service.js';
import type { RecordedEvent } from './recorder/event-sink.js';
import { actorLabel } from './services/actor.js';
import { EngineBus } from './services/bus.js';
import { ModbusLink } from './link/modbus/modbus-link.js';
import { ConfigService } from './services/config/config-service.js';
import { ConsoleService, type SendTarget } from './services/console/console-service.js';
import { LinkSession } from './services/device/link-session.js';
import { ExportService } from './services/export/export-service.js';
import { FaultsService } from './services/faults/faults-service.js';
import { RecordingService } from './services/recording/recording-service.js';
import { ReplayService } from './services/replay/replay-service.js';
import { MqttOutService } from './services/mqtt-out/mqtt-out-service.js';
import { ParserScriptService } from './services/parser-script/parser-script-service.js';
import { WorkbenchService } from './services/workbench/workbench-service.js';
import { StatsService } from './services/stats/stats-service.js';

/** Operator actions carry the OS user running the engine (the renderer never needs Node), or the host caller (actor.ts). */
function osUserName(): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}

/** The services that exist once the configuration is loaded. */
interface Services {
  session: LinkSession;
  acquisition: AcquisitionService;
  alarms: AlarmsService;
  faults: FaultsService;
  breaker: BreakerService;
  console: ConsoleService;
  recording: RecordingService;
  exports: ExportService;
  replay: ReplayService;
  mqttOut: MqttOutService;
  parserScripts: ParserScriptService;
}

class ComposedEngine implements Engine {
  readonly api: TelemetryApi;
  readonly registry: Registry;
  private readonly log: Logger;
  private readonly hub: EventHub;
  private readonly bus: EngineBus;
  private readonly config: ConfigService;
  private readonly stats: StatsService;
  private readonly workbench: WorkbenchService;
  private readonly operator = osUserName();
  private services: Services | undefined;
  private table: RequestHandlers | undefined;
  private started = false;
  private closed = false;

  constructor(private readonly opts: EngineOptions) {
    this.log = opts.logger ?? pino({ level: 'info' });
    this.hub = new EventHub((event, err) => this.log.error({ err, event }, 'event listener threw'));
    this.bus = new EngineBus((event, err) => this.log.error({ err, event }, 'engine bus handler threw'));
    this.config = new ConfigService({
      dataDir: opts.dataDir,
      log: this.log,
      emit: (c) => this.hub.emit('config', c),
      status: () => this.need().session.status,
      check: (prev, next) => this.need().parserScripts.check(prev, next),
    });
    this.workbench = new WorkbenchService(opts.dataDir);
    this.stats = new StatsService({
      config: () => this.config.get(),
      emit: (e, p) => this.hub.emit(e, p),
      sources: () => {
        const s = this.services;
        if (!s) return undefined;
        return {
          pipeline: s.acquisition.pipeline,
          pool: s.acquisition.pool,
          link: { id: s.session.id, label: s.session.link?.description ?? 'simulated device', modbusBlocks: s.session.link instanceof ModbusLink ? s.session.link.stats : undefined },
          scrape: () => ({ breaker: s.breaker.breaker.status(), latency: s.acquisition.pipeline.latency.histogram(), alarms: s.alarms.active(), recording: s.recording.status() }),
        };
      },
    });
    this.registry = this.stats.registry;
    // Requests route to the owning service's handler; before start() there is none.
    const route = {} as Record<string, (input: unknown) => Promise<unknown>>;
    for (const name of REQUEST_NAMES) {
      route[name] = (input) => {
        const handler = this.table?.[name] as ((input: unknown) => Promise<unknown>) | undefined;
        return handler ? handler(input) : Promise.resolve(fail('invalid-state', `${name}: the engine is not started`));
      };
    }
    this.api = apiFromHandlers(route as unknown as RequestHandlers, (event, listener) => this.hub.on(event, listener));
  }

  private need(): Services {
    if (!this.services) throw new Error('the engine is not started');
    return this.services;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.config.start();
    const s = this.build();
    this.services = s;
    // The public API is the union of the services' handlers: a request without one does not compile.
    this.table = {
      getSnapshot: async () => ok(this.snapshot()),
      ...this.config.handlers,
      ...s.session.handlers,
      ...s.alarms.handlers,
      ...s.recording.handlers,
      ...s.exports.handlers,
      ...s.console.handlers,
      ...s.breaker.handlers,
      ...s.faults.handlers,
      ...s.replay.handlers,
      ...s.parserScripts.handlers,
      ...this.workbench.handlers,
    } satisfies RequestHandlers;
    s.console.start();
    s.session.start();
    await s.recording.start();
    s.acquisition.start();
    s.alarms.start();
    s.mqttOut.start();
    this.stats.start();
    this.log.info({ dataDir: this.opts.dataDir, threads: s.acquisition.pool.threads }, 'engine started');
    if (this.config.get().device.autoStart) await s.session.command('start');
  }

  /** Builds the services and wires them: events between them go through the bus or narrow callbacks. */
  private build(): Services {
    const { opts, log, hub, bus } = this;
    const config = () => this.config.get();
    const emit = hub.emit.bind(hub);
    const journal = (e: Parameters<RecordingService['journal']>[0]) => bus.emit('journal', e);
    // Late-bound: services built below refer to each other only through these closures.
    const self = {} as Services;
    const acquisition = new AcquisitionService({
      config,
      log,
      workerFile: opts.workerFile,
      workerExecArgv: opts.workerExecArgv,
      emit,
      onBackpressure: (active) => self.session.setQueueBehind(active),
      onLayoutChange: () => self.recording.layoutChanged(),
    });
    const replay = new ReplayService({
      ask: (req) => self.recording.ask(req),
      link: () => self.session.link,
      measuring: () => self.session.measuring,
      emit,
      restartChart: () => acquisition.pipeline.restart(),
    });
    // Read at each action: the caller of the request being handled (host token and address), else the OS user.
    const osUser = this.operator;
    const alarms = new AlarmsService({ get operator() { return actorLabel(osUser); }, config, log, measuring: () => self.session.measuring, emit, now: () => replay.now() });
    const faults = new FaultsService({ get operator() { return actorLabel(osUser); }, config, log, emit, journal });
    const breaker = new BreakerService({ get operator() { return actorLabel(osUser); }, config, integrity: () => acquisition.pipeline.integrity(), emit: (st) => hub.emit('breaker', st), journal });
    const consoleService = new ConsoleService({
      config,
      log,
      listPorts: opts.listPorts,
      emit,
      target: (): SendTarget => ({
        status: session.status,
        link: session.link,
        holding: session.hold.holding,
        simulatorCommand: (text) => session.device.command(text),
        breaker: breaker.breaker,
      }),
    });
    const session = new LinkSession({
      id: 'device',
      config,
      log,
      emitStatus: (st) => hub.emit('device', st),
      bus,
      acquisition,
      faults,
      breaker: breaker.breaker,
      console: consoleService,
      onReset: () => alarms.resetTimers(),
      listPorts: opts.listPorts,
      reconnectBackoff: opts.reconnectBackoff,
      linkOptions: () => replay.linkOptions(),
    });
    session.device.setFaultModel(faults.deviceModel);
    faults.attach(session);
    breaker.attach(() => session.status, session.hold);
    const recording = new RecordingService({
      config,
      dataDir: opts.dataDir,
      log,
      workerFile: opts.recorderWorkerFile,
      execArgv: opts.recorderExecArgv,
      emit,
      onBackpressure: (active) => session.setRecorderBehind(active),
      source: {
        status: () => session.status,
        channels: () => acquisition.channelInfos().map((c) => ({ index: c.index, name: c.name, unit: c.unit })),
        afterReleased: (fn) => acquisition.afterReleased(fn),
        updateFullResolution: () => acquisition.updateFullResolution(),
        sessionMeta: () => replay.sessionMeta(),
      },
    });
    const exports = new ExportService(recording);
    const mqttOut = new MqttOutService({
      config,
      log,
      names: () => acquisition.channelInfos().map((c) => c.name),
      emit,
      updateFullResolution: () => acquisition.updateFullResolution(),
    });
    const parserScripts = new ParserScriptService({ pool: () => acquisition.pool });
    Object.assign(self, { session, acquisition, alarms, faults, breaker, console: consoleService, recording, exports, replay, mqttOut, parserScripts } satisfies Services);

    // Full-resolution frames: alarms read them in place first, MQTT out copies them, then the recorder takes the buffer.
    acquisition.addConsumer(alarms);
    acquisition.addConsumer(mqttOut);
    acquisition.addConsumer(recording);
    alarms.addJournalSink({ append: (entries) => mqttOut.alarmEntries(entries) });
    hub.on('alarms', (list) => mqttOut.alarms(list));
    hub.on('breaker', (st) => mqttOut.breaker(st));
    // The journal next to the samples: breaker, fault, operator events from the bus; alarms from their journal.
    bus.on('journal', (e) => recording.journal(e.kind === 'operator' ? withActor(e, osUser) : e));
    alarms.addJournalSink({ append: (entries) => entries.forEach((e) => journal({ t: e.t, kind: 'alarm', data: e })) });
    // A settled device status: the recording session and the alarms follow it.
    bus.on('status', () => {
      replay.sync();
      recording.sync();
      alarms.tick();
    });
    // A new configuration applies in this order (link first, so a new source starts from a closed link).
    this.config.onApply((p, n) => session.configure(p, n));
    this.config.onApply((p, n) => faults.configure(p, n));
    this.config.onApply((p, n) => acquisition.configure(p, n));
    this.config.onApply((p, n) => {
      if (alarms.configure(p, n)) acquisition.updateFullResolution();
    });
    this.config.onApply((p, n) => breaker.configure(p, n));
    this.config.onApply((p, n) => recording.configure(p, n));
    this.config.onApply((p, n) => mqttOut.configure(p, n));
    return self;
  }

  /** The union of the services' snapshots: a missing part does not compile. */
  private snapshot(): Snapshot {
    const s = this.need();
    return {
      ...s.alarms.snapshot(),
      ...this.config.snapshot(),
      ...s.session.snapshot(),
      ...s.acquisition.snapshot(),
      ...this.stats.snapshot(),
      ...s.breaker.snapshot(),
      ...s.faults.snapshot(),
      ...s.replay.snapshot(),
      ...s.mqttOut.snapshot(),
    };
  }

  addAlarmJournalSink(sink: AlarmJournalSink): () => void {
    return this.need().alarms.addJournalSink(sink);
  }

  exportFile(exportId: string, part?: 'data' | 'events'): Promise<{ path: string; fileName: string } | undefined> {
    return this.services ? this.services.exports.file(exportId, part) : Promise.resolve(undefined);
  }

  async diagnostics(): Promise<EngineDiagnostics> {
    const s = this.need();
    // Delayed chunks (latency fault) land in the pipeline first; then everything in flight settles.
    await s.faults.drain();
    await s.acquisition.idle();
    return {
      simulatorFrames: s.session.device.framesProduced,
      linkFrames: s.session.linkFrames,
      ignoredFrames: s.session.ignoredFrames,
      faults: { ...s.faults.injector.counters },
      pipeline: { ...s.acquisition.pipeline.counters },
    };
  }

  async close(): Promise<void> {
    if (this.closed || !this.started || !this.services) return;
    this.closed = true;
    const s = this.services;
    this.stats.close();
    await this.workbench.close();
    s.alarms.close();
    s.faults.close();
    s.breaker.close();
    s.console.close();
    await s.session.close();
    await s.mqttOut.close();
    s.acquisition.stopFullResolution();
    await s.recording.close();
    await s.acquisition.close();
    this.log.info('engine closed');
  }
}

export async function createEngine(opts: EngineOptions): Promise<Engine> {
  return new ComposedEngine(opts);
}

/** An operator event in the session journal names who did it (unless it already does). */
function withActor(e: RecordedEvent, osUser: string): RecordedEvent {
  if (typeof e.data !== 'object' || e.data === null || 'operator' in e.data) return e;
  return { ...e, data: { ...e.data, operator: actorLabel(osUser) } };
}
