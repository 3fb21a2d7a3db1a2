// The packaging config as electron-builder reads it: the fuses that harden the
// shipped binary, read back from build/electron-builder.yml.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml is what electron-builder itself parses its config with.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(resolve(import.meta.dirname, '../../../build/electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder config', () => {
  it('flips the Electron fuses: no run-as-node, NODE_OPTIONS or inspect; asar-only with integrity; encrypted cookies', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar (what the asar fuses protect) and ships only the built bundles', () => {
    expect(config.asar).not.toBe(false);
    expect(config.files).toEqual(['out/**', 'package.json']);
  });
});
