/**
 * The one table of error codes and their messages. Every error the federation
 * returns carries one of these codes in `extensions.code`; clients and tests
 * rely on the code, people read the message in their language.
 */

/** Languages in which every message exists; French is the default. */
export type Language = 'fr' | 'en' | 'ar';

/** Stable codes placed in `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'SUBGRAPH_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'AUDIT_UNAVAILABLE'
  | 'DUPLICATE_REGISTRATION'
  | 'IDEMPOTENCY_CONFLICT'
  | 'METHOD_NOT_ALLOWED'
  | 'INTERNAL_SERVER_ERROR';

/** One entry of the catalogue: the code it maps to and its message per language. */
export interface ErrorEntry {
  code: ErrorCode;
  messages: Record<Language, string>;
}

/**
 * Message keys (the precise reason) to code and messages. Placeholders in
 * braces are filled from non-personal parameters only (an expected format, a
 * limit, an organism code), never from the value the caller sent.
 */
export const ERROR_CATALOG = {
  NATIONAL_ID_MALFORMED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Identifiant national mal formé : forme attendue {expected}.",
      en: 'Malformed national identifier: expected {expected}.',
      ar: 'المعرف الوطني غير صالح: الصيغة المنتظرة {expected}.',
    },
  },
  INPE_MALFORMED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Code INPE mal formé : forme attendue {expected}.',
      en: 'Malformed INPE code: expected {expected}.',
      ar: 'رمز INPE غير صالح: الصيغة المنتظرة {expected}.',
    },
  },
  DATE_OUT_OF_RANGE: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Date hors limites : elle doit être comprise entre {min} et {max}.',
      en: 'Date out of range: it must lie between {min} and {max}.',
      ar: 'التاريخ خارج الحدود: يجب أن يكون بين {min} و {max}.',
    },
  },
  DATE_MALFORMED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Date mal formée : forme attendue AAAA-MM-JJ.',
      en: 'Malformed date: expected YYYY-MM-DD.',
      ar: 'تاريخ غير صالح: الصيغة المنتظرة YYYY-MM-DD.',
    },
  },
  INVALID_VALUE: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Valeur invalide pour {field} : {expected}.',
      en: 'Invalid value for {field}: {expected}.',
      ar: 'قيمة غير صالحة للحقل {field}: {expected}.',
    },
  },
  BATCH_TOO_LARGE: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Lot trop volumineux : {max} lignes au plus par lot.',
      en: 'Batch too large: at most {max} rows per batch.',
      ar: 'الدفعة كبيرة جدا: {max} سطر على الأكثر في كل دفعة.',
    },
  },
  REQUEST_TOO_LARGE: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Requête trop volumineuse : {max} octets au plus.',
      en: 'Request too large: at most {max} bytes.',
      ar: 'الطلب كبير جدا: {max} بايت على الأكثر.',
    },
  },
  BATCH_EMPTY: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Lot vide : envoyez au moins une ligne.',
      en: 'Empty batch: send at least one row.',
      ar: 'دفعة فارغة: أرسل سطرا واحدا على الأقل.',
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    code: 'IDEMPOTENCY_CONFLICT',
    messages: {
      fr: "Clé d'idempotence déjà utilisée pour un lot différent : choisissez une nouvelle clé.",
      en: 'Idempotency key already used for a different batch: choose a new key.',
      ar: 'مفتاح عدم التكرار مستعمل لدفعة مختلفة: اختر مفتاحا جديدا.',
    },
  },
  DUPLICATE_REGISTRATION: {
    code: 'DUPLICATE_REGISTRATION',
    messages: {
      fr: 'Une personne, un régime : une affiliation active existe déjà auprès de {organism}.',
      en: 'One person, one regime: an active affiliation already exists with {organism}.',
      ar: 'شخص واحد، نظام واحد: يوجد انخراط نشط لدى {organism}.',
    },
  },
  UNAUTHENTICATED: {
    code: 'UNAUTHENTICATED',
    messages: {
      fr: "Authentification requise : fournissez un jeton d'accès valide (Authorization: Bearer).",
      en: 'Authentication required: send a valid access token (Authorization: Bearer).',
      ar: 'المصادقة مطلوبة: أرسل رمز دخول صالحا (Authorization: Bearer).',
    },
  },
  FORBIDDEN: {
    code: 'FORBIDDEN',
    messages: {
      fr: 'Accès refusé pour : {paths}.',
      en: 'Access refused for: {paths}.',
      ar: 'الولوج مرفوض إلى: {paths}.',
    },
  },
  CARE_RELATIONSHIP_REQUIRED: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Accès au dossier refusé : aucune relation de soins avec cette personne dans les {days} derniers jours (vérification des droits ou admission) ; en urgence, utilisez l'accès bris de glace.",
      en: 'Access to the record refused: no care relationship with this person in the last {days} days (eligibility check or admission); in an emergency, use break-glass access.',
      ar: 'الولوج إلى الملف مرفوض: لا توجد علاقة علاج مع هذا الشخص خلال {days} يوما الأخيرة (التحقق من الحقوق أو الاستشفاء)؛ في حالة الاستعجال استعمل ولوج كسر الزجاج.',
    },
  },
  CONSENT_BLOCKED: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Accès au dossier refusé : la personne s'est opposée à l'accès de votre organisation.",
      en: 'Access to the record refused: the person has blocked access by your organisation.',
      ar: 'الولوج إلى الملف مرفوض: اعترض الشخص على ولوج هيئتكم.',
    },
  },
  BREAK_GLASS_JUSTIFICATION_REQUIRED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Accès bris de glace : une justification écrite de {min} à {max} caractères est requise (breakGlass.justification).",
      en: 'Break-glass access: a written justification of {min} to {max} characters is required (breakGlass.justification).',
      ar: 'ولوج كسر الزجاج: يلزم تبرير مكتوب من {min} إلى {max} حرفا (breakGlass.justification).',
    },
  },
  CONSENT_CAPABILITY_INVALID: {
    code: 'FORBIDDEN',
    messages: {
      fr: 'Gestion du consentement refusée : seule la personne elle-même, connectée au portail patient, le peut, avec la capacité délivrée pour son dossier (me.consentCapability).',
      en: 'Consent management refused: only the person themself, signed in to the patient portal, may do it, with the capability issued for their record (me.consentCapability).',
      ar: 'تدبير الموافقة مرفوض: لا يقوم به إلا الشخص نفسه، متصلا ببوابة المؤمن، بالقدرة المسلمة لملفه (me.consentCapability).',
    },
  },
  NOT_FOUND: {
    code: 'NOT_FOUND',
    messages: {
      fr: 'Aucun enregistrement ne correspond.',
      en: 'No matching record.',
      ar: 'لا يوجد سجل مطابق.',
    },
  },
  SUBGRAPH_UNAVAILABLE: {
    code: 'SUBGRAPH_UNAVAILABLE',
    messages: {
      fr: 'Service {subgraph} indisponible : réessayez plus tard.',
      en: 'Service {subgraph} unavailable: try again later.',
      ar: 'الخدمة {subgraph} غير متاحة: أعد المحاولة لاحقا.',
    },
  },
  QUERY_TOO_COMPLEX: {
    code: 'QUERY_TOO_COMPLEX',
    messages: {
      fr: 'Requête trop complexe : {limit}.',
      en: 'Query too complex: {limit}.',
      ar: 'الاستعلام معقد جدا: {limit}.',
    },
  },
  RATE_LIMITED: {
    code: 'RATE_LIMITED',
    messages: {
      fr: 'Trop de requêtes : réessayez dans {seconds} s.',
      en: 'Too many requests: retry in {seconds} s.',
      ar: 'طلبات كثيرة جدا: أعد المحاولة بعد {seconds} ثانية.',
    },
  },
  AUDIT_UNAVAILABLE: {
    code: 'AUDIT_UNAVAILABLE',
    messages: {
      fr: "Journal d'audit indisponible : l'accès aux données personnelles est suspendu.",
      en: 'Audit log unavailable: access to personal data is suspended.',
      ar: 'سجل التدقيق غير متاح: الولوج إلى المعطيات الشخصية معلق.',
    },
  },
  PERSONAL_DATA_OVER_GET: {
    code: 'METHOD_NOT_ALLOWED',
    messages: {
      fr: "Cette opération transporte des données personnelles : envoyez-la en POST, jamais dans l'URL.",
      en: 'This operation carries personal data: send it with POST, never in the URL.',
      ar: 'هذه العملية تحمل معطيات شخصية: أرسلها بطريقة POST وليس في الرابط.',
    },
  },
  INTERNAL_SERVER_ERROR: {
    code: 'INTERNAL_SERVER_ERROR',
    messages: {
      fr: 'Erreur interne : elle a été journalisée sous la référence de la requête.',
      en: 'Internal error: it was logged under the request id.',
      ar: 'خطأ داخلي: تم تسجيله تحت مرجع الطلب.',
    },
  },
} as const satisfies Record<string, ErrorEntry>;

/** A precise reason for an error; each maps to one stable code. */
export type ErrorKey = keyof typeof ERROR_CATALOG;
