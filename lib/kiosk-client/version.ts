/** Reported with every batch and shown on the fleet page; bump with a change to the kiosk app. */
export const KIOSK_APP_VERSION = 'kiosk-1.1.0';
