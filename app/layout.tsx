import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Hài Lòng — Đánh giá sự hài lòng', template: '%s · Hài Lòng' },
  description: 'Người dân đánh giá thái độ phục vụ và chất lượng giải quyết thủ tục hành chính.',
  icons: { icon: { url: '/icon.svg', type: 'image/svg+xml' } },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#a3141c' };

/**
 * Every App Router page is rendered per request: Next's inline bootstrap
 * scripts must carry the request's CSP nonce (proxy.ts, lib/csp.ts), which a
 * page prerendered at build time cannot know.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="vi">
      <body>{children}</body>
    </html>
  );
}
