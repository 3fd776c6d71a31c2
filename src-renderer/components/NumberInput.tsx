import { useEffect, useId, useState } from 'react';
import { formatHyper } from '../format';

/**
 * A number field that keeps what the user types (so "0." or "1e-" can be finished) and
 * reports a number only when the text is one; otherwise it reports NaN, which the form's
 * validation names.
 */
export function NumberInput({
  value,
  onChange,
  id,
  integer = false,
  invalid = false,
  label,
  width,
}: {
  value: number;
  onChange: (value: number) => void;
  id?: string;
  integer?: boolean;
  invalid?: boolean;
  label?: string;
  width?: number;
}) {
  const [text, setText] = useState(() => numberText(value));
  useEffect(() => {
    // Follow outside changes (a preset), not our own echo.
    setText((current) => (parseNumber(current, integer) === value ? current : numberText(value)));
  }, [value, integer]);
  return (
    <input
      id={id}
      className={`input num${invalid ? ' invalid' : ''}`}
      inputMode={integer ? 'numeric' : 'decimal'}
      aria-label={label}
      aria-invalid={invalid || undefined}
      style={width ? { width } : undefined}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseNumber(event.target.value, integer));
      }}
    />
  );
}

function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

function parseNumber(text: string, integer: boolean): number {
  const trimmed = text.trim().replace(/,/g, '').replace('−', '-');
  if (trimmed === '') return Number.NaN;
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return Number.NaN;
  return integer && !Number.isInteger(n) ? Number.NaN : n;
}

/**
 * For quantities that span decades (λ, learning rate): a slider over log₁₀ from
 * 10^minExp to 10^maxExp, snapped to two significant digits, next to a text field for
 * exact values.
 */
export function LogNumberInput({
  value,
  onChange,
  minExp,
  maxExp,
  label,
  invalid = false,
}: {
  value: number;
  onChange: (value: number) => void;
  minExp: number;
  maxExp: number;
  label: string;
  invalid?: boolean;
}) {
  const id = useId();
  const exponent = Number.isFinite(value) && value > 0 ? Math.log10(value) : minExp;
  return (
    <div className="loginput">
      <input
        type="range"
        className="input"
        min={minExp}
        max={maxExp}
        step={0.05}
        value={Math.max(minExp, Math.min(maxExp, exponent))}
        aria-label={`${label} (log scale)`}
        aria-valuetext={formatHyper(value)}
        onChange={(event) => onChange(Number(Math.pow(10, Number(event.target.value)).toPrecision(2)))}
      />
      <NumberInput id={id} value={value} onChange={onChange} invalid={invalid} label={label} />
    </div>
  );
}
