import type { Lang } from '@/lib/i18n';

/** A citizen page's props when the database was busy or unreachable (server/survey.ts orBusyPage). */
export type BusyProps = { busy: { lang: Lang; title: string; message: string } };

/** In the page component (browser-safe: the page must not import server code beyond getServerSideProps). */
export const isBusy = (p: object): p is BusyProps => 'busy' in p;
