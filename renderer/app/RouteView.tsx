// Maps the current route to its screen; admin-only screens fall back to the queue for other roles.
import { CatalogPicker } from '../features/catalog/CatalogPicker';
import { IntakePage } from '../features/intake/IntakePage';
import { DossierView } from '../features/queue/DossierView';
import { QueuePage } from '../features/queue/QueuePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UsersPage } from '../features/users/UsersPage';
import type { Route } from './router';
import { useSession } from './session-context';

export function RouteView({ route }: { route: Route }) {
  const { session } = useSession();
  switch (route.name) {
    case 'new':
      return <CatalogPicker />;
    case 'intake':
      return <IntakePage key={route.id} id={route.id} />;
    case 'queue':
      return <QueuePage />;
    case 'dossier':
      return <DossierView key={route.id} id={route.id} />;
    case 'users':
      return session.user.role === 'admin' ? <UsersPage /> : <QueuePage />;
    case 'settings':
      return <SettingsPage />;
  }
}
