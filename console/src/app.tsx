import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from './api/graphql';
import { Guarded } from './components/guarded';
import { Layout } from './components/layout';
import { Link } from './components/link';
import { OFFICER_AUDIT, PATIENT_CONSENT, PATIENT_HISTORY, REGULATOR_STATISTICS } from './grants';
import { onLanguageChange, t } from './i18n/i18n';
import { CallbackPage } from './pages/callback-page';
import { HomePage } from './pages/home-page';
import { AnomaliesPage } from './pages/officer/anomalies-page';
import { BreakGlassPage } from './pages/officer/break-glass-page';
import { EventDetailPage } from './pages/officer/event-detail-page';
import { OFFICER_PROBE } from './pages/officer/audit-queries';
import { OfficerSearchPage } from './pages/officer/officer-search-page';
import { PatientPage } from './pages/patient/patient-page';
import { IndicatorsPage } from './pages/regulator/indicators-page';
import { usePath } from './router';

const EVENT_PATH = /^\/officer\/events\/([^/]+)$/;

/** Whether the gateway takes the user as an officer: the review queue's page flag, no personal data read. */
const probeOfficer = () => graphql(OFFICER_AUDIT, OFFICER_PROBE);

/** The page of a path, behind the sign-in and role its space needs. */
function route(path: string) {
  const officer = (page: JSX.Element) => (
    <Guarded grants={[OFFICER_AUDIT]} probe={probeOfficer} role={t('noRoleOfficer')} path={path}>
      {page}
    </Guarded>
  );
  if (path === '/') return <HomePage path={path} />;
  if (path === '/callback') return <CallbackPage path={path} />;
  if (path === '/officer') return officer(<OfficerSearchPage path={path} />);
  if (path === '/officer/anomalies') return officer(<AnomaliesPage path={path} />);
  if (path === '/officer/break-glass') return officer(<BreakGlassPage path={path} />);
  const event = EVENT_PATH.exec(path);
  if (event?.[1]) return officer(<EventDetailPage path={path} eventId={decodeURIComponent(event[1])} />);
  if (path === '/me')
    return (
      <Guarded grants={[PATIENT_HISTORY, PATIENT_CONSENT]} role={t('homePatient')} path={path}>
        <PatientPage path={path} />
      </Guarded>
    );
  if (path === '/indicators')
    return (
      <Guarded grants={[REGULATOR_STATISTICS]} role={t('noRoleRegulator')} path={path}>
        <IndicatorsPage path={path} />
      </Guarded>
    );
  return (
    <Layout title={t('notFoundTitle')} path={path}>
      <Link href="/">{t('home')}</Link>
    </Layout>
  );
}

/** The consoles: one page per path, drawn again in the new language when the switch changes it (what is on the page stays). */
export function App() {
  const path = usePath();
  const [, setLanguage] = useState('');
  useEffect(() => onLanguageChange(setLanguage), []);
  return route(path);
}
