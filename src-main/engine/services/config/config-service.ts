// Configuration as a service: loads and saves config.json, merges patches (an invalid result is
// rejected whole), and applies a new configuration live through the other services' appliers,
// in the order compose.ts registered them.
import type { Logger } from 'pino';
import type { RequestHandlers } from '@shared/api/contract.js';
import { AppConfigSchema, mergeConfig, type AppConfig } from '@shared/config/app-config.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { fail, ok, parseWith, type FieldIssue } from '@shared/domain/result.js';
import { ConfigStore } from '../../config/config-store.js';
import type { Service } from '../service.js';

/** A service's part of applying a new configuration (`prev` is what was running). */
export type ConfigApplier = (prev: AppConfig, next: AppConfig) => Promise<void> | void;

export interface ConfigServiceOptions {
  dataDir: string;
  log: Logger;
  emit: (config: AppConfig) => void;
  /** The device status configureDevice answers with. */
  status: () => DeviceStatus;
  /** Checks a valid configuration needs beyond its schema (a parser script compiles); issue paths from the root. */
  check?: (prev: AppConfig, next: AppConfig) => Promise<FieldIssue[]>;
}

export class ConfigService implements Service<'updateConfig' | 'configureDevice', 'config'> {
  readonly handlers: Pick<RequestHandlers, 'updateConfig' | 'configureDevice'> = {
    updateConfig: async (patch) => {
      const merged = parseWith(AppConfigSchema, mergeConfig(this.get(), patch));
      if (!merged.ok) return merged;
      const issues = await this.checked(merged.value, '');
      if (issues.length > 0) return fail('validation', issues.map((i) => i.message).join('; '), issues);
      await this.apply(merged.value);
      return ok(this.get());
    },
    configureDevice: async (device) => {
      const next = { ...this.get(), device };
      // The request's fields are the device's: its issues are named from there.
      const issues = await this.checked(next, 'device.');
      if (issues.length > 0) return fail('validation', issues.map((i) => i.message).join('; '), issues);
      await this.apply(next);
      return ok(this.opts.status());
    },
  };
  private readonly store: ConfigStore;
  private current: AppConfig | undefined;
  private readonly appliers: ConfigApplier[] = [];

  constructor(private readonly opts: ConfigServiceOptions) {
    this.store = new ConfigStore(opts.dataDir);
  }

  /** The running configuration (loaded by start()). */
  get(): AppConfig {
    if (!this.current) throw new Error('config: not loaded yet');
    return this.current;
  }

  /** Appliers run in registration order. */
  onApply(applier: ConfigApplier): void {
    this.appliers.push(applier);
  }

  snapshot(): { config: AppConfig } {
    return { config: this.get() };
  }

  async start(): Promise<void> {
    const loaded = await this.store.load();
    if (loaded.problem) this.opts.log.warn(loaded.problem);
    this.current = loaded.config;
  }

  close(): void {}

  /** The extra checks' issues, with `strip` taken off the front of their paths and messages. */
  private async checked(next: AppConfig, strip: string): Promise<FieldIssue[]> {
    const issues = this.opts.check ? await this.opts.check(this.get(), next) : [];
    const cut = (s: string) => (strip && s.startsWith(strip) ? s.slice(strip.length) : s);
    return issues.map((i) => ({ path: cut(i.path), message: cut(i.message) }));
  }

  /** Applies a validated configuration live, persists it, and tells every UI. */
  private async apply(next: AppConfig): Promise<void> {
    const prev = this.get();
    this.current = next;
    for (const applier of this.appliers) await applier(prev, next);
    try {
      await this.store.save(next);
    } catch (err) {
      // The running configuration applies; the operator learns it was not saved.
      this.opts.log.error({ err }, 'could not save configuration');
    }
    this.opts.emit(next);
  }
}
