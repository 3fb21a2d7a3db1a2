// One "label … value" row of a dense read-out grid.
export function KeyValue({ label, value, testId, tone }: { label: string; value: string; testId?: string; tone?: 'warn' | 'bad' }) {
  return (
    <div className="kv">
      <span className="kv-label">{label}</span>
      <span className={tone ? `kv-value tone-${tone}` : 'kv-value'} data-testid={testId}>
        {value}
      </span>
    </div>
  );
}
