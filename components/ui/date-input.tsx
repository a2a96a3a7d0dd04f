import { DAY_INPUT_FORMAT, DAY_INPUT_PATTERN, formatDayInput } from '@/lib/day-input';

/**
 * The one date field of the app: a text field showing and taking
 * ngày/tháng/năm ("05/12/2026") whatever the browser's language, where a
 * native date input would show 12/05/2026 to a browser set to English. The
 * format is in the visible hint (tied by aria-describedby), the keyboard is
 * numeric on phones, and the server parses it (lib/day-input.ts), so it works
 * without JavaScript. `defaultValue` is a day key ("2026-12-05") or what
 * was typed before a refusal. Why not the native date input: docs/decisions/022-day-first-date-fields.md.
 */
export function DateInput({
  id,
  name,
  label,
  defaultValue,
  error,
  required,
  hint,
  className = 'field',
}: {
  id: string;
  name: string;
  label: string;
  defaultValue?: string | null;
  error?: string;
  required?: boolean;
  /** Said after the format ("Dạng ngày/tháng/năm, ví dụ 05/12/2026."). */
  hint?: string;
  className?: string;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="date-input"
        placeholder="dd/mm/yyyy"
        pattern={DAY_INPUT_PATTERN}
        title={`Dạng ${DAY_INPUT_FORMAT}, ví dụ 05/12/2026`}
        size={11}
        maxLength={12}
        required={required}
        defaultValue={formatDayInput(defaultValue)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      />
      <p className="hint" id={hintId}>
        Dạng {DAY_INPUT_FORMAT}, ví dụ 05/12/2026.{hint ? ` ${hint}` : ''}
      </p>
      {error ? (
        <p className="error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
