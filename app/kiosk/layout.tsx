import type { Metadata, Viewport } from 'next';
import './kiosk.css';

/** The kiosk has its own chrome: no site or staff header, full screen, its own manifest (installable, opens full screen). */
export const metadata: Metadata = {
  title: 'Kiosk đánh giá',
  manifest: '/kiosk.webmanifest',
  appleWebApp: { capable: true, title: 'Hài Lòng Kiosk', statusBarStyle: 'black-translucent' },
  icons: { icon: { url: '/icon.svg', type: 'image/svg+xml' }, apple: '/kiosk/icon-192.png' },
  robots: { index: false },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, viewportFit: 'cover', themeColor: '#a3141c' };

export default function KioskLayout({ children }: { children: React.ReactNode }) {
  return children;
}
