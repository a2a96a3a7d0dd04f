/** A plain GET form: works without JavaScript and keeps the query in the URL. */
export function OfficeSearchForm({ query }: { query: string }) {
  return (
    <form className="search-form" action="/" method="get" role="search">
      <label htmlFor="q" className="search-label">
        Tìm cơ quan, đơn vị
      </label>
      <p id="q-hint" className="search-hint">
        Gõ tên cơ quan hoặc tên xã, phường, có dấu hay không dấu đều được. Ví dụ: “gia vien” hoặc “so tu phap”.
      </p>
      <div className="search-row">
        <input id="q" name="q" type="search" defaultValue={query} maxLength={100} autoComplete="off" aria-describedby="q-hint" />
        <button type="submit" className="button">
          Tìm kiếm
        </button>
      </div>
    </form>
  );
}
