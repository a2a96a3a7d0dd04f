import type { GetServerSideProps } from 'next';
import { answerNotFound, NotFoundPage } from '@/components/home/not-found-page';
import { pickLang, type Lang } from '@/lib/i18n';

/**
 * Any address no other page answers: the light 404 page (components/home/not-found-page.tsx)
 * instead of the App Router's, which would load the client runtime. Every
 * specific route, App Router ones included, is matched before this catch-all.
 */
export const config = { unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<{ missing: true; lang: Lang }> = async ({ query, res }) =>
  answerNotFound(res, pickLang(query.lang));

export default function UnknownAddress({ lang }: { lang: Lang }) {
  return <NotFoundPage lang={lang} />;
}
