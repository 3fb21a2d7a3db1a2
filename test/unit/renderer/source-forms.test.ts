// The replay and MQTT dialogs' form specs: values to the request, the shared schema's verdict at the
// right field, and a configured source back to values (round trip).
import { describe, expect, it } from 'vitest';
import { ReplayLinkSchema } from '@shared/domain/link-replay.js';
import { MqttLinkSchema } from '@shared/domain/link-mqtt.js';
import { checkValues } from '../../../src-renderer/ui/forms/settingsForm';
import { DEFAULT_REPLAY_VALUES, replayFieldKey, replayFormSpec, replayFormValues, replayInput } from '../../../src-renderer/features/sources/replayForm';
import { mqttFieldKey, mqttFormSpec, mqttFormValues, mqttInput } from '../../../src-renderer/features/sources/mqttForm';

describe('replay form', () => {
  const values = { ...DEFAULT_REPLAY_VALUES, path: '/data/run.csv', separator: ';', timeFormat: 'epoch-ms', timeColumn: '1', columns: [{ column: '2', name: 'temp', unit: '°C' }], speed: '10' };

  it('makes the replay link with 0-based columns and round-trips', () => {
    const input = replayInput(values);
    expect(input).toEqual({
      kind: 'replay',
      source: { type: 'csv', path: '/data/run.csv', mapping: { separator: ';', decimal: 'point', headerRows: 1, timeColumn: 0, timeFormat: 'epoch-ms', columns: [{ column: 1, name: 'temp', unit: '°C' }] } },
      speed: 10,
      asFastAsPossible: false,
      loop: false,
    });
    expect(replayFormValues(ReplayLinkSchema.parse(input))).toEqual(values);
  });

  it('puts the schema issues at their fields', async () => {
    const r = await checkValues(replayFormSpec, { ...values, columns: [{ column: '1', name: '', unit: '' }], speed: '500' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['columns.0.column', 'columns.0.name', 'speed']);
    expect(replayFieldKey('source.mapping.columns.3.name')).toBe('columns.3.name');
    expect(replayFieldKey('source.path')).toBe('path');
    expect(replayFieldKey('source.channels')).toBe('sessionId');
  });
});

describe('MQTT form', () => {
  it('splits topic filters by line, adds TLS and topic naming only when chosen, and round-trips', () => {
    const v = { ...mqttFormValues(undefined), url: 'mqtts://broker:8883', username: 'st7', password: 'pw', topics: 'plant/+/temp\n\n plant/#', qos: '1', topicChannel: true, topicLevel: '-1', tls: true, rejectUnauthorized: false };
    const input = mqttInput(v);
    expect(input).toEqual({ kind: 'mqtt', url: 'mqtts://broker:8883', clientId: '', username: 'st7', password: 'pw', tls: { rejectUnauthorized: false }, topics: ['plant/+/temp', 'plant/#'], qos: 1, topicChannel: { level: -1 } });
    expect(mqttFormValues(MqttLinkSchema.parse(input))).toMatchObject({ url: 'mqtts://broker:8883', topics: 'plant/+/temp\nplant/#', qos: '1', tls: true, topicChannel: true });
  });

  it('names a bad filter and a bad URL at their fields', async () => {
    const r = await checkValues(mqttFormSpec, { ...mqttFormValues(undefined), url: 'http://x', topics: 'a/b#' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['topics', 'url']);
    expect(mqttFieldKey('tls.ca')).toBe('ca');
    expect(mqttFieldKey('topicChannel.level')).toBe('topicLevel');
  });
});
