import { PAGE_ROLES, PAGE_TITLE, type PageName } from '../access';
import { roleName } from '../session';
import { Alert } from './alert';
import { PageHeading } from './page-heading';

function joinGerman(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;
}

/** What a role sees on a page whose reads the role matrix does not allow it: a notice, no request. */
export function NotAllowed({ page }: { page: PageName }) {
  const title = PAGE_TITLE[page];
  return (
    <>
      <PageHeading title={title} />
      <Alert kind="info" title={`Die Seite „${title}“ steht Ihrer Rolle nicht zur Verfügung.`}>
        <p className="kern-body">Zugang haben: {joinGerman(PAGE_ROLES[page].map(roleName))}.</p>
        <p className="kern-body">
          <a className="kern-link" href="#/">
            Zur Übersicht
          </a>
        </p>
      </Alert>
    </>
  );
}
