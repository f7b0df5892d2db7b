// Maps the current route to its screen; admin-only screens fall back to the queue for other roles.
import { CatalogPicker } from '../features/catalog/CatalogPicker';
import { ChecklistEditorPage } from '../features/catalog-editor/ChecklistEditorPage';
import { IntakePage } from '../features/intake/IntakePage';
import { DossierView } from '../features/queue/DossierView';
import { QueuePage } from '../features/queue/QueuePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UsersPage } from '../features/users/UsersPage';
import { AuditPage } from '../features/audit/AuditPage';
import { AccessLogPage } from '../features/privacy/AccessLogPage';
import { PrivacyPage } from '../features/privacy/PrivacyPage';
import { ChasingPage } from '../features/chasing/ChasingPage';
import { ClosingPage } from '../features/closing/ClosingPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { ReturnedPage } from '../features/review/ReturnedPage';
import { ReviewDossier } from '../features/review/ReviewDossier';
import { ReviewQueuePage } from '../features/review/ReviewQueuePage';
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
      return <QueuePage key={route.status ?? ''} status={route.status} />;
    case 'dossier':
      return <DossierView key={route.id} id={route.id} />;
    case 'users':
      return session.user.role === 'admin' ? <UsersPage /> : <QueuePage />;
    case 'settings':
      return <SettingsPage />;
    case 'returned':
      return <ReturnedPage />;
    case 'catalogEdit':
      return session.user.role === 'admin' ? <ChecklistEditorPage key={route.code} code={route.code} /> : <CatalogPicker />;
  }
  // supervisor screens: an agent's link lands on their own queue (core refuses the calls anyway)
  if (session.user.role === 'agent') return <QueuePage />;
  switch (route.name) {
    case 'review':
      return <ReviewQueuePage />;
    case 'reviewItem':
      return <ReviewDossier key={route.id} id={route.id} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'chasing':
      return <ChasingPage />;
    case 'closing':
      return <ClosingPage />;
    case 'audit':
      return <AuditPage />;
    case 'accessLog':
      return <AccessLogPage />;
    case 'privacy':
      return <PrivacyPage />;
  }
}
