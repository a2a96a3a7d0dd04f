import type { ReactNode } from 'react';
import { PrintButton } from './print-button';

type PosterSize = 'a4' | 'a5';

/** On-screen controls above the posters; hidden when printing. */
export function PosterToolbar({
  basePath,
  size,
  printLabel,
  children,
}: {
  /** The page's own path; size links add `?size=`. */
  basePath: string;
  size: PosterSize;
  printLabel?: string;
  children?: ReactNode;
}) {
  const sizes: { value: PosterSize; label: string }[] = [
    { value: 'a4', label: 'Khổ A4' },
    { value: 'a5', label: 'Khổ A5' },
  ];
  return (
    <div className="poster-toolbar no-print">
      <div className="poster-toolbar-row">
        <PrintButton label={printLabel} />
        <nav aria-label="Khổ giấy" className="poster-sizes">
          {sizes.map((s) => (
            <a
              key={s.value}
              className={`button secondary ${s.value === size ? 'is-current' : ''}`}
              href={`${basePath}?size=${s.value}`}
              aria-current={s.value === size ? 'page' : undefined}
            >
              {s.label}
            </a>
          ))}
        </nav>
        {children}
      </div>
      <p className="poster-hint">
        Khi in, chọn khổ giấy {size.toUpperCase()}, tỷ lệ 100% và tắt “Đầu trang và chân trang”. Nếu nút không hoạt động,
        nhấn Ctrl + P.
      </p>
    </div>
  );
}
