// "Dữ liệu cá nhân" for supervisors: a citizen's requests (copy, erasure) and retention (periods, next purge, legal holds).
import { routeHref } from '../../app/router';
import { useT } from '../../i18n/i18n-context';
import { CitizenRequests } from './CitizenRequests';
import { RetentionPanel } from './RetentionPanel';
import './privacy.css';
import '../../ui/styles/supervisor.css';

export function PrivacyPage() {
  const t = useT();
  return (
    <div className="sv-page privacy-page">
      <header className="page-header">
        <div className="page-header__main">
          <p className="page-header__eyebrow">{t('privacy.eyebrow')}</p>
          <h1 className="page-header__title">{t('privacy.title')}</h1>
        </div>
        <div className="page-header__aside">
          <a className="btn btn--secondary" href={routeHref({ name: 'accessLog' })}>
            {t('access.link')}
          </a>
        </div>
      </header>
      <CitizenRequests />
      <RetentionPanel />
    </div>
  );
}
