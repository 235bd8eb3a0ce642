import { Layout } from '../components/layout';
import { Link } from '../components/link';
import { t } from '../i18n/i18n';

/** The three spaces: officers, the insured person, the regulator. */
export function HomePage({ path }: { path: string }) {
  const spaces = [
    { href: '/officer', title: t('homeOfficer'), text: t('homeOfficerText') },
    { href: '/me', title: t('homePatient'), text: t('homePatientText') },
    { href: '/indicators', title: t('homeRegulator'), text: t('homeRegulatorText') },
  ];
  return (
    <Layout title={t('homeTitle')} path={path}>
      <p>{t('homeIntro')}</p>
      <ul class="spaces">
        {spaces.map((space) => (
          <li key={space.href} class="card">
            <h2>
              <Link href={space.href}>{space.title}</Link>
            </h2>
            <p>{space.text}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
