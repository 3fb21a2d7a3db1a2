// Shown instead of the app when there is no TelemetryApi to talk to.
export function FatalError({ message }: { message: string }) {
  return (
    <div className="fatal" role="alert" data-testid="error-banner">
      <h1>TelemetryHub cannot start</h1>
      <p>{message}</p>
    </div>
  );
}
