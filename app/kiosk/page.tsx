import { KioskApp } from '@/components/kiosk/kiosk-app';
import { KIOSK_APP_VERSION } from '@/lib/kiosk-client/version';

/**
 * The kiosk tablet app. A static shell: everything specific to the tablet
 * (its pairing, office, question, queue) lives in the browser, so the service
 * worker can start it without a network (public/kiosk-sw.js).
 */
export default function KioskPage() {
  return <KioskApp appVersion={KIOSK_APP_VERSION} />;
}
