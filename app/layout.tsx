import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Hài Lòng — Đánh giá sự hài lòng', template: '%s · Hài Lòng' },
  description: 'Người dân đánh giá thái độ phục vụ và chất lượng giải quyết thủ tục hành chính.',
  icons: { icon: { url: '/icon.svg', type: 'image/svg+xml' } },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#a3141c' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="vi">
      <body>{children}</body>
    </html>
  );
}
