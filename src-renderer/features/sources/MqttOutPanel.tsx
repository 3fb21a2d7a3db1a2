// MQTT out: this station's delivery to a central broker (status and drop counter) and its settings.
import { MqttOutStatusView } from './MqttOutStatusView';

export function MqttOutPanel() {
  return (
    <div className="mqtt-out-panel" data-testid="mqtt-out-panel">
      <div className="section-title">Delivery</div>
      <MqttOutStatusView />
    </div>
  );
}
