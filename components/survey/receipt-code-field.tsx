/**
 * The receipt code a citizen types on the pages that take one (/tra-cuu,
 * /xoa-so-dien-thoai): a plain text field, no JavaScript, its hint and its
 * error tied to it for screen readers.
 */
export function ReceiptCodeField({ label, hint, typed, error }: { label: string; hint: string; typed: string; error: string | null }) {
  return (
    <>
      <label className="block" htmlFor="ma">
        {label}
      </label>
      <p className="hint" id="ma-hint">
        {hint}
      </p>
      <input
        id="ma"
        name="ma"
        type="text"
        defaultValue={typed}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={32}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'ma-hint ma-error' : 'ma-hint'}
      />
      {error ? (
        <p className="error" id="ma-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
