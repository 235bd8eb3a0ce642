import type { Language } from '@cmb/kit';
import type { ReasonFact } from './facts';

type Messages = Record<Language, string>;

/** Messages of each decision reason code, in French, English and Arabic. Parameters are never personal data. */
export const REASON_MESSAGES: Record<string, Messages> = {
  RIGHTS_OPEN: { fr: 'Droits ouverts auprès de {organism}.', en: 'Rights open with {organism}.', ar: 'الحقوق مفتوحة لدى {organism}.' },
  RIGHTS_IN_GRACE_PERIOD: {
    fr: 'Droits maintenus pendant la période de grâce.',
    en: 'Rights kept during the grace period.',
    ar: 'الحقوق محفوظة خلال فترة السماح.',
  },
  ALD_EXEMPTION: {
    fr: 'Exonération du ticket modérateur au titre d’une ALD/ALC.',
    en: 'Co-payment exemption for a long-term illness.',
    ar: 'إعفاء من الجزء المتبقي بسبب مرض طويل الأمد.',
  },
  PROVIDER_CHECK_UNAVAILABLE: {
    fr: 'Contrôle du prestataire non effectué : service {subgraph} indisponible.',
    en: 'Provider check not made: service {subgraph} unavailable.',
    ar: 'لم يتم التحقق من مقدم العلاج: الخدمة {subgraph} غير متاحة.',
  },
  PATHWAY_CHECK_UNAVAILABLE: {
    fr: 'Contrôle du parcours de soins non effectué : service {subgraph} indisponible.',
    en: 'Care pathway check not made: service {subgraph} unavailable.',
    ar: 'لم يتم التحقق من مسار العلاج: الخدمة {subgraph} غير متاحة.',
  },
  PROVIDER_UNKNOWN: {
    fr: 'Code INPE inconnu du registre national.',
    en: 'INPE code unknown to the national registry.',
    ar: 'رمز INPE غير موجود في السجل الوطني.',
  },
  PROVIDER_INACTIVE: {
    fr: 'Code INPE non actif à la date des soins.',
    en: 'INPE code not active on the day of care.',
    ar: 'رمز INPE غير نشط في تاريخ العلاج.',
  },
  PERSON_NOT_FOUND: {
    fr: 'Aucune affiliation pour cet identifiant.',
    en: 'No affiliation for this identifier.',
    ar: 'لا يوجد انخراط لهذا المعرف.',
  },
  RIGHTS_CLOSED: {
    fr: 'Aucun droit ouvert à la date des soins.',
    en: 'No rights open on the day of care.',
    ar: 'لا توجد حقوق مفتوحة في تاريخ العلاج.',
  },
  RIGHTS_NOT_YET_OPEN: {
    fr: 'Les droits ne sont pas encore ouverts à la date des soins.',
    en: 'Rights are not yet open on the day of care.',
    ar: 'الحقوق لم تفتح بعد في تاريخ العلاج.',
  },
  RIGHTS_SUSPENDED_FOR_OTHER_CARE: {
    fr: 'Droits suspendus ({suspensionReason}) pour d’autres types de soins, pas pour celui-ci.',
    en: 'Rights suspended ({suspensionReason}) for other kinds of care, not this one.',
    ar: 'الحقوق موقوفة ({suspensionReason}) لأنواع أخرى من العلاج، وليس لهذا النوع.',
  },
  DEPENDANT_AGE_LIMIT: { fr: 'Ayant droit au-delà de la limite d’âge.', en: 'Dependant past the age limit.', ar: 'ذو حق تجاوز حد السن.' },
  INSURED_RIGHTS_CLOSED: {
    fr: 'Les droits de l’assuré principal sont fermés.',
    en: 'The insured member’s rights are closed.',
    ar: 'حقوق المؤمن الرئيسي مغلقة.',
  },
  RIGHTS_SUSPENDED: {
    fr: 'Droits suspendus ({suspensionReason}).',
    en: 'Rights suspended ({suspensionReason}).',
    ar: 'الحقوق موقوفة ({suspensionReason}).',
  },
  SEVERAL_ACTIVE_REGIMES: {
    fr: 'Double immatriculation : plusieurs régimes actifs ({organisms}).',
    en: 'Double registration: several active regimes ({organisms}).',
    ar: 'تسجيل مزدوج: عدة أنظمة نشطة ({organisms}).',
  },
  OUT_OF_PATHWAY: {
    fr: 'Hors parcours de soins coordonné : pas d’orientation par le médecin référent.',
    en: 'Outside the coordinated care pathway: no referral by the referring doctor.',
    ar: 'خارج مسار العلاج المنسق: لا توجد إحالة من الطبيب المعالج.',
  },
  OUT_OF_PATHWAY_REDUCED_RATE: {
    fr: 'Hors parcours de soins : remboursement à taux réduit.',
    en: 'Outside the care pathway: reduced reimbursement rate.',
    ar: 'خارج مسار العلاج: تعويض بنسبة مخفضة.',
  },
  OUT_OF_PATHWAY_WARNING: {
    fr: 'Hors parcours de soins : avertissement.',
    en: 'Outside the care pathway: warning.',
    ar: 'خارج مسار العلاج: تنبيه.',
  },
};

function fill(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** The message of a reason in one language, with its parameters filled in; the code itself when it has none. */
export function reasonMessage(reason: ReasonFact, language: Language): string {
  const messages = REASON_MESSAGES[reason.code];
  return messages ? fill(messages[language], reason.params) : reason.code;
}
