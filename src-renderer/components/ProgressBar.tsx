/** A thin bar for a fraction done; `null` means "working, amount unknown". */
export function ProgressBar({ value, paused = false, label }: { value: number | null; paused?: boolean; label?: string }) {
  const percent = value === null ? 0 : Math.max(0, Math.min(1, value)) * 100;
  return (
    <div
      className={`progress${paused ? ' paused' : ''}${value === null ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value === null ? undefined : Math.round(percent)}
    >
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}
