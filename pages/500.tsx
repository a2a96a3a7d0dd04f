import { CitizenError } from '@/components/errors/citizen-error';

/**
 * The static 500 page of the citizen pages, for failures that are not the
 * database being busy (those get a 503 from pages/_error.tsx). Built once,
 * so it cannot know the address: it asks to go back and resubmit.
 */
export const config = { unstable_runtimeJS: false };

export default function ServerErrorPage() {
  return <CitizenError lang="vi" code="internal" retryHref={null} />;
}
