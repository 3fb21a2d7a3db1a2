// MQTT source settings: broker URL, client id, credentials, TLS, topic filters, QoS and which
// topic level names the channel. Each message is one frame of the device's frame format.
import { useFormContext, useWatch } from 'react-hook-form';
import type { LinkSettingsInput } from '@shared/domain/link.js';
import { CheckField, FieldError, NumberField, SelectField, TextField } from '../../ui/forms/Fields';
import { SourceDialog } from './SourceDialog';
import { mqttFormSpec, mqttFormValues, type MqttFormValues } from './mqttForm';

const useFormContextTyped = () => useFormContext<MqttFormValues>();

function PemField({ name, label }: { name: 'ca' | 'cert' | 'key'; label: string }) {
  const { register } = useFormContextTyped();
  return (
    <>
      <label htmlFor={`mqtt-${name}`}>{label}</label>
      <div>
        <textarea id={`mqtt-${name}`} data-testid={`mqtt-${name}`} rows={3} spellCheck={false} placeholder="-----BEGIN …" {...register(name)} />
        <FieldError field={name} />
      </div>
    </>
  );
}


function MqttFields() {
  const { register } = useFormContextTyped();
  const tls = useWatch<MqttFormValues, 'tls'>({ name: 'tls' });
  const topicChannel = useWatch<MqttFormValues, 'topicChannel'>({ name: 'topicChannel' });
  return (
    <div className="form-grid">
      <TextField id="mqtt-url" label="Broker URL" name="url" placeholder="mqtt://broker.local:1883" />
      <TextField id="mqtt-client-id" label="Client id" name="clientId" placeholder="empty: a random id" />
      <TextField id="mqtt-username" label="Username" name="username" />
      <label htmlFor="mqtt-password">Password</label>
      <div>
        <input id="mqtt-password" type="password" data-testid="mqtt-password" autoComplete="off" {...register('password')} />
        <FieldError field="password" />
      </div>
      <CheckField name="tls" testId="mqtt-tls" label="TLS options (mqtts:// and wss:// use TLS anyway)" />
      {tls ? (
        <>
          <CheckField name="rejectUnauthorized" testId="mqtt-reject-unauthorized" label="Refuse a broker certificate that does not verify" />
          <PemField name="ca" label="CA (PEM)" />
          <PemField name="cert" label="Client certificate (PEM)" />
          <PemField name="key" label="Client key (PEM)" />
        </>
      ) : null}
      <label htmlFor="mqtt-topics">Topic filters</label>
      <div>
        <textarea id="mqtt-topics" data-testid="mqtt-topics" rows={3} spellCheck={false} placeholder={'one per line, e.g.\nplant/line1/+\nplant/line2/#'} {...register('topics')} />
        <FieldError field="topics" />
      </div>
      <SelectField
        id="mqtt-qos"
        label="QoS"
        name="qos"
        options={[
          ['0', '0 · at most once'],
          ['1', '1 · at least once'],
          ['2', '2 · exactly once'],
        ]}
      />
      <CheckField name="topicChannel" testId="mqtt-topic-channel" label="A topic level names the channel (payload: one number)" />
      {topicChannel ? <NumberField id="mqtt-topic-level" label="Level (-1: last)" name="topicLevel" /> : null}
    </div>
  );
}

export function MqttDialog({ initial, onApply, onClose }: { initial: LinkSettingsInput | undefined; onApply: (link: LinkSettingsInput) => void; onClose: () => void }) {
  const values = mqttFormValues(initial?.kind === 'mqtt' ? (initial as Parameters<typeof mqttFormValues>[0]) : undefined);
  return (
    <SourceDialog title="MQTT source" testId="mqtt-dialog" spec={mqttFormSpec} values={values} onApply={onApply} onClose={onClose}>
      {() => (
        <>
          <MqttFields />
          <p className="muted">Each message is one frame of the device's frame format (set below the source in the Device panel).</p>
        </>
      )}
    </SourceDialog>
  );
}
