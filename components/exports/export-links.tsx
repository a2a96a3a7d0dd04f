/**
 * Download links for the exports (app/xuat/…) of what a dashboard shows: the
 * same unit and period, so the file's totals are the screen's. Plain links
 * (no client JavaScript): the browser downloads the streamed file itself.
 * Whether phone numbers are in the file is decided by the server from the
 * viewer's role, never by the link.
 */
type Props = {
  /** The unit whose subtree is exported; the viewer's whole scope when absent. */
  unitId?: number;
  /** The dashboard's period as URL parameters (lib/indicators/periods.ts periodParams). */
  periodParams: Record<string, string>;
  /** Adds the indicators table (per office); off on a single office's page if it has no offices below it. */
  indicators?: boolean;
  /** Only verified ratings (channel 'dossier'), as the dashboard's filter shows (docs/decisions/027). */
  verified?: boolean;
};

const FORMATS = [
  { value: 'csv', label: 'Tải CSV', long: 'dạng CSV' },
  { value: 'xlsx', label: 'Tải Excel', long: 'dạng Excel (XLSX)' },
] as const;

export function exportHref(
  path: '/xuat/phieu' | '/xuat/chi-so',
  format: 'csv' | 'xlsx',
  unitId: number | undefined,
  periodParams: Record<string, string>,
  verified = false,
) {
  const params = new URLSearchParams({ 'dinh-dang': format, ...periodParams });
  if (unitId !== undefined) params.set('don-vi', String(unitId));
  if (verified) params.set('xac-thuc', '1');
  return `${path}?${params.toString()}`;
}

export function ExportLinks({ unitId, periodParams, indicators = true, verified = false }: Props) {
  const kinds = [
    { path: '/xuat/phieu' as const, title: 'Danh sách phiếu đánh giá', what: 'danh sách phiếu đánh giá' },
    ...(indicators ? [{ path: '/xuat/chi-so' as const, title: 'Bảng chỉ số theo đơn vị', what: 'bảng chỉ số theo đơn vị' }] : []),
  ];
  return (
    <section aria-labelledby="export-links-title" className="export-links">
      <h2 id="export-links-title">Tải dữ liệu</h2>
      <p>
        Cùng kỳ và phạm vi đang xem{verified ? ', chỉ các đánh giá xác thực (theo hồ sơ)' : ''}; phiếu bị loại không được tính, như trên màn hình.
      </p>
      <ul>
        {kinds.map((k) => (
          <li key={k.path}>
            <span>{k.title}: </span>
            {FORMATS.map((f, i) => (
              <span key={f.value}>
                {i > 0 ? ' · ' : null}
                <a href={exportHref(k.path, f.value, unitId, periodParams, verified)} download aria-label={`${f.label}: ${k.what} ${f.long}`}>
                  {f.label}
                </a>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
