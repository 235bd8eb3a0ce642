/**
 * The one table of error codes and their messages. Every error the federation
 * returns carries one of these codes in `extensions.code`; clients and tests
 * rely on the code, people read the message in their language.
 */

/** Languages in which every message exists; French is the default. */
export type Language = 'fr' | 'en' | 'ar';

/** Every stable code placed in `extensions.code`. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'SUBGRAPH_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'AUDIT_UNAVAILABLE',
  'DUPLICATE_REGISTRATION',
  'IDEMPOTENCY_CONFLICT',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'IDENTITY_CONFLICT',
  'ENROLMENT_REQUIRED',
  'INTERNAL_SERVER_ERROR',
] as const;

/** A stable code placed in `extensions.code`. */
export type ErrorCode = (typeof ERROR_CODES)[number];

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
      fr: 'Identifiant national mal formé : forme attendue {expected}.',
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
  TOO_MANY_PERSONS: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Opération trop large : elle nomme au plus {max} personnes (identifiants nationaux, et références) ; répartissez-la en plusieurs requêtes.',
      en: 'Operation too broad: it names at most {max} persons (national ids, and references); split it into several requests.',
      ar: 'عملية واسعة جدا: تذكر {max} شخص على الأكثر (أرقام وطنية، ومراجع)؛ قسّمها على عدة طلبات.',
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
  REQUEST_TOO_SLOW: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Requête trop lente : envoyez le corps entier en {seconds} s au plus.',
      en: 'Request too slow: send the whole body within {seconds} s.',
      ar: 'الطلب بطيء جدا: أرسل محتوى الطلب كاملا في غضون {seconds} ثانية على الأكثر.',
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
  GMR_EFFECTIVE_DATE_NOT_AFTER_LATEST: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Date d'effet refusée : une nouvelle version du guide des médicaments prend effet après la dernière ({latest}, en vigueur depuis le {latestDate}).",
      en: 'Effective date refused: a new version of the medicines guide takes effect after the latest one ({latest}, in force from {latestDate}).',
      ar: 'تاريخ السريان مرفوض: تسري النسخة الجديدة من دليل الأدوية بعد آخر نسخة ({latest}، السارية منذ {latestDate}).',
    },
  },
  IMPORT_ROLLBACK_NOT_LATEST: {
    code: 'CONFLICT',
    messages: {
      fr: "Annulation refusée : seule la dernière version ({latest}) s'annule, la plus récente d'abord.",
      en: 'Rollback refused: only the latest version ({latest}) is rolled back, newest first.',
      ar: 'الإلغاء مرفوض: لا تلغى إلا آخر نسخة ({latest})، الأحدث أولا.',
    },
  },
  IMPORT_ROLLBACK_NOT_IMPORTED: {
    code: 'CONFLICT',
    messages: {
      fr: "Annulation refusée : la version {version} n'a pas été chargée par un import ; aucun état antérieur n'est conservé pour y revenir.",
      en: 'Rollback refused: version {version} was not loaded by an import; no earlier state is kept to return to.',
      ar: 'الإلغاء مرفوض: لم تحمل النسخة {version} عبر استيراد؛ لا توجد حالة سابقة محفوظة للرجوع إليها.',
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
  IDENTITY_CONFLICT: {
    code: 'IDENTITY_CONFLICT',
    messages: {
      fr: "Identité en conflit : la personne est déjà au registre sous une autre identité (noms, date de naissance ou sexe) ; un lot ne la remplace pas. La ligne est transmise à l'ANAM pour examen.",
      en: 'Identity conflict: the person is already in the registry with another identity (names, birth date or sex); a batch does not overwrite it. The row is queued for ANAM to review.',
      ar: 'تعارض في الهوية: الشخص مسجل من قبل بهوية أخرى (الأسماء أو تاريخ الازدياد أو الجنس)؛ لا تستبدلها الدفعة. أحيل السطر على الوكالة للدراسة.',
    },
  },
  ENROLMENT_REQUIRED: {
    code: 'ENROLMENT_REQUIRED',
    messages: {
      fr: "Affiliation clôturée refusée : la personne est couverte par un autre organisme et ne l'a jamais été par le vôtre ; un organisme ne déclare que l'historique de ses propres affiliés.",
      en: 'Closed affiliation refused: the person is covered by another insurer and never was by yours; an insurer declares the history of its own members only.',
      ar: 'انخراط مغلق مرفوض: الشخص مغطى لدى هيئة أخرى ولم يكن قط لدى هيئتكم؛ لا تصرح الهيئة إلا بتاريخ منخرطيها.',
    },
  },
  IDENTITY_REVIEW_ANAM_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Accès refusé : les conflits d'identité des lots d'affiliation sont examinés par l'ANAM seule.",
      en: 'Access refused: identity conflicts of affiliation batches are reviewed by ANAM only.',
      ar: 'الولوج مرفوض: لا تدرس تعارضات الهوية في دفعات الانخراط إلا الوكالة.',
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
  GATEWAY_CONTEXT_MISSING: {
    code: 'UNAUTHENTICATED',
    messages: {
      fr: 'Appel refusé : un sous-graphe ne répond qu’à la passerelle, avec le contexte signé qu’elle transmet.',
      en: 'Call refused: a subgraph answers only the gateway, with the signed context it forwards.',
      ar: 'نداء مرفوض: لا يجيب الرسم الفرعي إلا البوابة، مع السياق الموقع الذي ترسله.',
    },
  },
  GATEWAY_CONTEXT_INVALID: {
    code: 'UNAUTHENTICATED',
    messages: {
      fr: 'Appel refusé : le contexte transmis n’est pas signé par une clé de la passerelle que ce sous-graphe reconnaît.',
      en: 'Call refused: the context is not signed by a gateway key this subgraph trusts.',
      ar: 'نداء مرفوض: السياق المرسل غير موقع بمفتاح للبوابة يعترف به هذا الرسم الفرعي.',
    },
  },
  GATEWAY_CONTEXT_EXPIRED: {
    code: 'UNAUTHENTICATED',
    messages: {
      fr: 'Appel refusé : le contexte signé a expiré (ou les horloges de la passerelle et du sous-graphe divergent).',
      en: 'Call refused: the signed context has expired (or the gateway and subgraph clocks disagree).',
      ar: 'نداء مرفوض: انتهت صلاحية السياق الموقع (أو أن ساعتي البوابة والرسم الفرعي غير متوافقتين).',
    },
  },
  GATEWAY_CONTEXT_WRONG_SUBGRAPH: {
    code: 'UNAUTHENTICATED',
    messages: {
      fr: 'Appel refusé : le contexte a été signé pour un autre sous-graphe.',
      en: 'Call refused: the context was signed for another subgraph.',
      ar: 'نداء مرفوض: تم توقيع السياق لرسم فرعي آخر.',
    },
  },
  GATEWAY_CONTEXT_REPLAYED: {
    code: 'UNAUTHENTICATED',
    messages: {
      fr: 'Appel refusé : ce contexte signé a déjà servi ; la passerelle en signe un par appel.',
      en: 'Call refused: this signed context was already used; the gateway signs one per call.',
      ar: 'نداء مرفوض: سبق استعمال هذا السياق الموقع؛ توقع البوابة سياقا لكل نداء.',
    },
  },
  GATEWAY_CONTEXT_BODY_MISMATCH: {
    code: 'UNAUTHENTICATED',
    messages: {
      fr: 'Appel refusé : le contexte a été signé pour une autre requête.',
      en: 'Call refused: the context was signed for another request.',
      ar: 'نداء مرفوض: تم توقيع السياق لطلب آخر.',
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
  SINGLE_PURPOSE_REQUIRED: {
    code: 'FORBIDDEN',
    messages: {
      fr: 'Accès refusé : une requête agit pour une seule finalité. Demandez un jeton par finalité (paramètre OAuth scope).',
      en: 'Access refused: a request acts under one purpose only. Ask for one token per purpose (OAuth scope parameter).',
      ar: 'الولوج مرفوض: يعمل الطلب لغاية واحدة فقط. اطلب رمزا لكل غاية (المعامل scope في OAuth).',
    },
  },
  PROVIDER_BINDING: {
    code: 'FORBIDDEN',
    messages: {
      fr: 'Accès refusé pour : {paths}. Un établissement ne vérifie les droits que pour les soins qu’il donne, lui-même ou par un professionnel qui lui est rattaché au registre INPE.',
      en: 'Access refused for: {paths}. An establishment checks rights only for care it gives, itself or through a professional attached to it in the INPE registry.',
      ar: 'الولوج مرفوض إلى: {paths}. لا تتحقق المؤسسة من الحقوق إلا للعلاجات التي تقدمها بنفسها أو عبر مهني ملحق بها في سجل INPE.',
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
      fr: 'Accès bris de glace : une justification écrite de {min} à {max} caractères est requise (breakGlass.justification).',
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
  RECORD_CUSTODIAN_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Écriture refusée : seul l'établissement dépositaire d'un document, ou un professionnel qui lui est rattaché au registre INPE, enregistre, remplace ou retire son pointeur, et l'auteur et le dépositaire qu'il nomme sont lui-même ou ses rattachés.",
      en: 'Write refused: only the establishment that keeps a document, or a professional attached to it in the INPE registry, registers, supersedes or withdraws its pointer, and the author and custodian it names are itself or those attached to it.',
      ar: 'الكتابة مرفوضة: لا تسجل مؤشر الوثيقة أو تستبدله أو تسحبه إلا المؤسسة المودعة لها أو مهني ملحق بها في سجل INPE، ويكون المؤلف والمودع المذكوران هي نفسها أو الملحقين بها.',
    },
  },
  RECORD_CARE_RELATIONSHIP_REQUIRED: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Écriture refusée : un pointeur n'est ajouté au dossier d'une personne que par une organisation qui a une relation de soins en cours avec elle (une vérification des droits ÉLIGIBLE récente) et que la personne n'a pas bloquée.",
      en: "Write refused: a pointer is added to a person's record only by an organisation with a current care relationship with them (a recent ELIGIBLE eligibility check) that the person has not blocked.",
      ar: 'الكتابة مرفوضة: لا يضاف مؤشر إلى ملف شخص إلا من طرف هيئة لها علاقة علاج جارية معه (تحقق حديث من الحقوق بنتيجة مؤهل) ولم يحجبها الشخص.',
    },
  },
  PATHWAY_BY_PERSON_REFUSED: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Accès refusé : le parcours de soins d'une personne se lit par les organismes gestionnaires et l'ANAM ; un professionnel ou un établissement lit le parcours d'une vérification des droits (eligibility.pathway).",
      en: "Access refused: a person's care pathway is read by the insurers and ANAM; a professional or an establishment reads the pathway of an eligibility check (eligibility.pathway).",
      ar: 'الولوج مرفوض: تطلع الهيئات المدبرة والوكالة على مسار علاج الشخص؛ ويطلع المهني أو المؤسسة على مسار التحقق من الحقوق (eligibility.pathway).',
    },
  },
  PATHWAY_MEMBERS_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Écriture refusée : un organisme gestionnaire n'enregistre le parcours de soins que des personnes qu'il couvre, selon le registre des bénéficiaires lu par la passerelle.",
      en: 'Write refused: an insurer records the care pathway of the persons it covers only, as the registry of beneficiaries read by the gateway says.',
      ar: 'الكتابة مرفوضة: لا تسجل الهيئة المدبرة مسار العلاج إلا للأشخاص الذين تغطيهم، حسب سجل المستفيدين كما قرأته البوابة.',
    },
  },
  PRIOR_APPROVAL_NO_INSURER: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Demande d'accord préalable refusée : aucun organisme gestionnaire ne couvre cette personne aujourd'hui selon le registre des bénéficiaires.",
      en: 'Prior approval request refused: no insurer covers this person today according to the registry of beneficiaries.',
      ar: 'طلب الموافقة المسبقة مرفوض: لا تغطي أي هيئة مدبرة هذا الشخص اليوم حسب سجل المستفيدين.',
    },
  },
  PRIOR_APPROVAL_DOUBLE_REGISTRATION: {
    code: 'DUPLICATE_REGISTRATION',
    messages: {
      fr: "Demande d'accord préalable refusée : la personne est couverte par plusieurs organismes (double immatriculation) ; la demande ne peut être adressée avant que l'ANAM ne tranche.",
      en: 'Prior approval request refused: the person is covered by several insurers (double registration); the request cannot be addressed until ANAM settles it.',
      ar: 'طلب الموافقة المسبقة مرفوض: الشخص مغطى لدى عدة هيئات (تسجيل مزدوج)؛ لا يمكن توجيه الطلب قبل أن تبت فيه الوكالة.',
    },
  },
  PRIOR_APPROVAL_ALREADY_DECIDED: {
    code: 'CONFLICT',
    messages: {
      fr: "Demande d'accord préalable déjà tranchée : une décision n'est pas remplacée ; l'établissement dépose une nouvelle demande.",
      en: 'Prior approval request already decided: a decision is not replaced; the establishment files a new request.',
      ar: 'طلب الموافقة المسبقة تم البت فيه: لا يستبدل القرار؛ تودع المؤسسة طلبا جديدا.',
    },
  },
  IDEMPOTENCY_KEY_OTHER_CONTENT: {
    code: 'IDEMPOTENCY_CONFLICT',
    messages: {
      fr: "Clé d'idempotence déjà utilisée pour un autre contenu : une reprise renvoie le même contenu ; un nouveau contenu prend une nouvelle clé.",
      en: 'Idempotency key already used for other content: a retry sends the same content; new content takes a new key.',
      ar: 'مفتاح عدم التكرار مستعمل لمحتوى آخر: تعيد المحاولة نفس المحتوى؛ ويأخذ المحتوى الجديد مفتاحا جديدا.',
    },
  },
  IMPORT_FILE_REFUSED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Fichier refusé, rien n'a été chargé : {count} erreur(s), la première à la ligne {line}. Chaque erreur (ligne, colonne, forme attendue) est dans extensions.lineErrors.",
      en: 'File refused, nothing was loaded: {count} error(s), the first on line {line}. Each error (line, column, expected form) is in extensions.lineErrors.',
      ar: 'الملف مرفوض ولم يتم تحميل أي شيء: {count} خطأ، أولها في السطر {line}. كل خطأ (السطر، العمود، الصيغة المنتظرة) موجود في extensions.lineErrors.',
    },
  },
  IMPORT_FILE_NOT_NEWER: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Fichier refusé : extrait le {extractedOn}, il n'est pas postérieur à la version en vigueur {version} (extraite le {inForceOn}) ; envoyez un extrait plus récent.",
      en: 'File refused: extracted on {extractedOn}, it is not later than the version in force {version} (extracted on {inForceOn}); send a newer extract.',
      ar: 'الملف مرفوض: مستخرج بتاريخ {extractedOn}، وهو ليس لاحقا للنسخة السارية {version} (المستخرجة بتاريخ {inForceOn})؛ أرسل مستخرجا أحدث.',
    },
  },
  REFERENCE_IMPORT_ANAM_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Accès refusé : seule l'ANAM charge une nouvelle version d'un registre national de référence, ou revient à la précédente.",
      en: 'Access refused: only ANAM loads a new version of a national reference registry, or returns to the previous one.',
      ar: 'الولوج مرفوض: لا تحمل نسخة جديدة من سجل وطني مرجعي، أو تعود إلى النسخة السابقة، إلا الوكالة الوطنية للتأمين الصحي.',
    },
  },
  IMPORT_VERSION_NOT_FOUND: {
    code: 'NOT_FOUND',
    messages: {
      fr: 'Aucune version de ce registre ne porte cet identifiant.',
      en: 'No version of this registry has this id.',
      ar: 'لا توجد نسخة من هذا السجل بهذا المعرف.',
    },
  },
  IMPORT_ROLLBACK_NOT_IN_FORCE: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Retour arrière refusé : seule la version en vigueur ({version}) peut être annulée, les versions plus anciennes une à une ensuite.',
      en: 'Rollback refused: only the version in force ({version}) can be rolled back, older versions one by one after it.',
      ar: 'الرجوع مرفوض: لا يمكن إلغاء إلا النسخة السارية ({version})، ثم النسخ الأقدم واحدة تلو الأخرى.',
    },
  },
  IMPORT_ROLLBACK_NO_PREVIOUS: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Retour arrière impossible : la version en vigueur n'a pas de version précédente à rétablir (première version, ou version initiale sans écart conservé).",
      en: 'Rollback impossible: the version in force has no previous version to restore (first version, or an initial version without a kept diff).',
      ar: 'الرجوع غير ممكن: ليست للنسخة السارية نسخة سابقة لاستعادتها (نسخة أولى، أو نسخة أولية دون فرق محفوظ).',
    },
  },
  REGISTRY_ROLLBACK_REFERENCED: {
    code: 'CONFLICT',
    messages: {
      fr: 'Retour arrière impossible : des conventions ou des rattachements désignent des codes INPE que cette version a ajoutés ; retirez-les d’abord.',
      en: 'Rollback impossible: conventions or attachments name INPE codes this version added; remove them first.',
      ar: 'الرجوع غير ممكن: اتفاقيات أو إلحاقات تشير إلى رموز INPE أضافتها هذه النسخة؛ احذفها أولا.',
    },
  },
  CURSOR_MALFORMED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Curseur de pagination invalide : reprenez avec un curseur rendu par la page précédente (pageInfo.endCursor).',
      en: 'Invalid pagination cursor: continue with a cursor returned by the previous page (pageInfo.endCursor).',
      ar: 'مؤشر الترقيم غير صالح: تابع بمؤشر أرجعته الصفحة السابقة (pageInfo.endCursor).',
    },
  },
  AUDIT_WINDOW_TOO_LONG: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Période d'analyse trop longue : {max} jours au plus.",
      en: 'Analysis period too long: at most {max} days.',
      ar: 'فترة التحليل طويلة جدا: {max} يوما على الأكثر.',
    },
  },
  AUDIT_SEARCH_TOO_BROAD: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Recherche trop large : le journal d'audit ne l'a pas terminée à temps. Réduisez la période ou précisez une personne.",
      en: 'Search too broad: the audit trail could not finish it in time. Narrow the period or name a person.',
      ar: 'بحث واسع جدا: لم يتمكن سجل التدقيق من إتمامه في الوقت المحدد. قلص الفترة أو حدد شخصا.',
    },
  },
  AUDIT_REPORT_TOO_BROAD: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Rapport trop large : le journal d'audit ne l'a pas terminé à temps. Réduisez la période.",
      en: 'Report too broad: the audit trail could not finish it in time. Narrow the period.',
      ar: 'تقرير واسع جدا: لم يتمكن سجل التدقيق من إتمامه في الوقت المحدد. قلص الفترة.',
    },
  },
  AUDIT_SEARCH_PERIOD_REQUIRED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Recherche trop large : un filtre sur l'organisation, la finalité, l'opération ou la décision demande une période de {max} jours au plus (du, au), ou une personne, ou un client.",
      en: 'Search too broad: a filter on organisation, purpose, operation or decision needs a period of at most {max} days (from, to), or a person, or a client.',
      ar: 'بحث واسع جدا: التصفية حسب المؤسسة أو الغرض أو العملية أو القرار تتطلب فترة لا تتجاوز {max} يوما (من، إلى)، أو شخصا، أو عميلا.',
    },
  },
  AUDIT_ANOMALIES_ONE_PER_OPERATION: {
    code: 'QUERY_TOO_COMPLEX',
    messages: {
      fr: "Trop de rapports d'anomalies dans une requête : {max} au plus. Demandez les autres périodes dans des requêtes séparées.",
      en: 'Too many anomaly reports in one request: at most {max}. Ask for the other periods in separate requests.',
      ar: 'عدد كبير من تقارير الحالات الشاذة في طلب واحد: {max} على الأكثر. اطلب الفترات الأخرى في طلبات منفصلة.',
    },
  },
  AUDIT_EVENT_NOT_FOUND: {
    code: 'NOT_FOUND',
    messages: {
      fr: "Aucun événement d'audit ne porte cet identifiant.",
      en: 'No audit event has this id.',
      ar: 'لا يوجد حدث تدقيق بهذا المعرف.',
    },
  },
  NOT_A_BREAK_GLASS_EVENT: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Seul un accès bris de glace se revoit : cet événement d'audit n'en est pas un.",
      en: 'Only a break-glass access is reviewed: this audit event is not one.',
      ar: 'لا تتم مراجعة إلا ولوج كسر الزجاج: هذا الحدث ليس كذلك.',
    },
  },
  BREAK_GLASS_ALREADY_REVIEWED: {
    code: 'CONFLICT',
    messages: {
      fr: 'Cet accès bris de glace a déjà été revu : une revue est définitive et ne se remplace pas.',
      en: 'This break-glass access has already been reviewed: a review is final and is not replaced.',
      ar: 'تمت مراجعة ولوج كسر الزجاج هذا من قبل: المراجعة نهائية ولا تستبدل.',
    },
  },
  AUDIT_OFFICERS_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Accès refusé : la recherche dans le journal d'audit est réservée aux responsables de la sécurité et à la CNDP ; l'assuré consulte son propre historique (myAccessHistory).",
      en: 'Access refused: searching the audit trail is for security officers and the CNDP; an insured person reads their own history (myAccessHistory).',
      ar: 'الولوج مرفوض: البحث في سجل التدقيق مخصص لمسؤولي الأمن وللجنة الوطنية لحماية المعطيات؛ يطلع المؤمن على سجله الخاص (myAccessHistory).',
    },
  },
  AUDIT_REVIEW_ANAM_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Revue refusée : seuls les responsables de la sécurité de l'ANAM revoient les accès bris de glace ; ceux des organismes gestionnaires et la CNDP les consultent en lecture seule.",
      en: "Review refused: only ANAM's security officers review break-glass accesses; the insurers' officers and the CNDP read them only.",
      ar: 'المراجعة مرفوضة: لا يراجع ولوج كسر الزجاج إلا مسؤولو الأمن لدى الوكالة الوطنية للتأمين الصحي؛ يطلع عليه مسؤولو الهيئات المدبرة واللجنة الوطنية دون مراجعته.',
    },
  },
  ACCESS_HISTORY_PATIENT_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Accès refusé : l'historique des accès se consulte par l'assuré lui-même, connecté au portail patient.",
      en: 'Access refused: the access history is read by the insured person themself, signed in to the patient portal.',
      ar: 'الولوج مرفوض: يطلع المؤمن بنفسه على سجل الولوج، متصلا ببوابة المؤمن.',
    },
  },
  REGISTRY_CHECKS_FAILED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Publication refusée, rien n’a changé : {count} problème(s) aux contrôles {checks}. {problems}',
      en: 'Publish refused, nothing changed: {count} problem(s) in the checks {checks}. {problems}',
      ar: 'النشر مرفوض، لم يتغير شيء: {count} مشكلة في المراقبات {checks}. {problems}',
    },
  },
  REGISTRY_PUBLISHERS_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: 'Accès refusé : seuls les organismes gestionnaires et l’ANAM publient au registre des sous-graphes.',
      en: 'Access refused: only the insurers (OGs) and ANAM publish to the subgraph registry.',
      ar: 'الولوج مرفوض: لا تنشر في سجل الرسوم الفرعية إلا الهيئات المدبرة والوكالة.',
    },
  },
  REGISTRY_NOT_OWNER: {
    code: 'FORBIDDEN',
    messages: {
      fr: 'Accès refusé : le sous-graphe {subgraph} appartient à {owner} ; une organisation n’agit que sur les siens (les sous-graphes nationaux appartiennent à l’ANAM).',
      en: 'Access refused: subgraph {subgraph} belongs to {owner}; an organisation acts on its own subgraphs only (the national ones belong to ANAM).',
      ar: 'الولوج مرفوض: الرسم الفرعي {subgraph} ملك لـ {owner}؛ لا تتصرف الهيئة إلا في رسومها (الرسوم الوطنية ملك للوكالة).',
    },
  },
  REGISTRY_NAME_NOT_YOURS: {
    code: 'FORBIDDEN',
    messages: {
      fr: 'Accès refusé : un organisme gestionnaire nomme ses sous-graphes « {prefix}<domaine> ».',
      en: 'Access refused: an insurer names its subgraphs "{prefix}<domain>".',
      ar: 'الولوج مرفوض: تسمي الهيئة المدبرة رسومها الفرعية «{prefix}<المجال>».',
    },
  },
  REGISTRY_SELF_MANAGED: {
    code: 'FORBIDDEN',
    messages: {
      fr: 'Accès refusé : le sous-graphe {subgraph} est livré avec la plateforme et ne change pas par le registre.',
      en: 'Access refused: subgraph {subgraph} is delivered with the platform and does not change through the registry.',
      ar: 'الولوج مرفوض: الرسم الفرعي {subgraph} مسلم مع المنصة ولا يتغير عبر السجل.',
    },
  },
  REGISTRY_CHANGES_PER_HOUR: {
    code: 'RATE_LIMITED',
    messages: {
      fr: 'Trop de changements au registre : {max} par heure au plus pour une organisation (chacun recharge toutes les passerelles). Réessayez dans {seconds} s.',
      en: 'Too many registry changes: at most {max} per hour for one organisation (each reloads every gateway). Retry in {seconds} s.',
      ar: 'تغييرات كثيرة جدا في السجل: {max} في الساعة على الأكثر لكل هيئة (كل تغيير يعيد تحميل كل البوابات). أعد المحاولة بعد {seconds} ثانية.',
    },
  },
  REGISTRY_CHECKS_PER_MINUTE: {
    code: 'RATE_LIMITED',
    messages: {
      fr: 'Trop de contrôles au registre : {max} par minute au plus pour une organisation. Réessayez dans {seconds} s.',
      en: 'Too many registry checks: at most {max} per minute for one organisation. Retry in {seconds} s.',
      ar: 'مراقبات كثيرة جدا في السجل: {max} في الدقيقة على الأكثر لكل هيئة. أعد المحاولة بعد {seconds} ثانية.',
    },
  },
  REGISTRY_SUBGRAPH_UNKNOWN: {
    code: 'NOT_FOUND',
    messages: {
      fr: 'Aucun sous-graphe {subgraph} au registre.',
      en: 'No subgraph {subgraph} in the registry.',
      ar: 'لا يوجد رسم فرعي {subgraph} في السجل.',
    },
  },
  REGISTRY_VERSION_UNKNOWN: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Le sous-graphe {subgraph} n’a pas de version {version} à servir de nouveau.',
      en: 'Subgraph {subgraph} has no version {version} to serve again.',
      ar: 'ليس للرسم الفرعي {subgraph} إصدار {version} لإعادة تقديمه.',
    },
  },
  REGISTRY_SUBGRAPH_RETIRED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Le sous-graphe {subgraph} est retiré : publiez-le de nouveau pour le servir.',
      en: 'Subgraph {subgraph} is retired: publish it again to serve it.',
      ar: 'الرسم الفرعي {subgraph} مسحوب: انشره من جديد لتقديمه.',
    },
  },
  OG_OWN_MEMBERS_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: 'Accès refusé : {organism} ne sert ses dossiers qu’à lui-même, et pour ses propres assurés tels que le registre des bénéficiaires les connaît.',
      en: 'Access refused: {organism} serves its files to itself only, and for its own members as the beneficiaries registry knows them.',
      ar: 'الولوج مرفوض: لا تقدم {organism} ملفاتها إلا لنفسها، ولمؤمنيها كما يعرفهم سجل المستفيدين.',
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
  METHOD_NOT_ALLOWED_ON_GRAPHQL: {
    code: 'METHOD_NOT_ALLOWED',
    messages: {
      fr: 'Méthode non admise : /graphql accepte POST, et GET pour les requêtes sans donnée personnelle.',
      en: 'Method not allowed: /graphql accepts POST, and GET for queries without personal data.',
      ar: 'الطريقة غير مقبولة: يقبل /graphql طريقة POST، وGET للاستعلامات التي لا تحمل معطيات شخصية.',
    },
  },
  SUBGRAPH_POST_ONLY: {
    code: 'METHOD_NOT_ALLOWED',
    messages: {
      fr: 'Méthode non admise : un sous-graphe accepte POST seulement, le contexte signé couvrant le corps de la requête.',
      en: 'Method not allowed: a subgraph accepts POST only, as the signed context covers the request body.',
      ar: 'الطريقة غير مقبولة: لا يقبل الرسم الفرعي إلا POST، لأن السياق الموقع يغطي متن الطلب.',
    },
  },
  FHIR_ELEMENT_REQUIRED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Élément FHIR requis absent : {path}.',
      en: 'Required FHIR element missing: {path}.',
      ar: 'عنصر FHIR مطلوب غير موجود: {path}.',
    },
  },
  FHIR_ELEMENT_INVALID: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Élément FHIR invalide : {path} ({expected}).',
      en: 'Invalid FHIR element: {path} ({expected}).',
      ar: 'عنصر FHIR غير صالح: {path} ({expected}).',
    },
  },
  FHIR_JSON_MALFORMED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Corps illisible : envoyez une ressource FHIR R4 en JSON (application/fhir+json).',
      en: 'Unreadable body: send one FHIR R4 resource as JSON (application/fhir+json).',
      ar: 'متن غير مقروء: أرسل موردا واحدا من FHIR R4 بصيغة JSON (application/fhir+json).',
    },
  },
  FHIR_BUNDLE_NOT_SERVED: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Les Bundle (batch, transaction) ne sont pas servis : envoyez une seule CoverageEligibilityRequest par POST sur /fhir/r4/CoverageEligibilityRequest.',
      en: 'Bundles (batch, transaction) are not served: send one CoverageEligibilityRequest per POST to /fhir/r4/CoverageEligibilityRequest.',
      ar: 'حزم Bundle (batch، transaction) غير مخدومة: أرسل طلب CoverageEligibilityRequest واحدا في كل POST إلى /fhir/r4/CoverageEligibilityRequest.',
    },
  },
  FHIR_INTERACTION_NOT_SERVED: {
    code: 'NOT_FOUND',
    messages: {
      fr: 'Interaction FHIR non servie : seuls POST /fhir/r4/CoverageEligibilityRequest et GET /fhir/r4/metadata le sont.',
      en: 'FHIR interaction not served: only POST /fhir/r4/CoverageEligibilityRequest and GET /fhir/r4/metadata are.',
      ar: 'تفاعل FHIR غير مخدوم: فقط POST /fhir/r4/CoverageEligibilityRequest و GET /fhir/r4/metadata مخدومان.',
    },
  },
  FHIR_METHOD_NOT_ALLOWED: {
    code: 'METHOD_NOT_ALLOWED',
    messages: {
      fr: 'Méthode non admise sur cette ressource FHIR : {allowed}.',
      en: 'Method not allowed on this FHIR resource: {allowed}.',
      ar: 'الطريقة غير مقبولة على مورد FHIR هذا: {allowed}.',
    },
  },
  FHIR_MEDIA_TYPE: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Format non servi : seul JSON (application/fhir+json) est servi.',
      en: 'Format not served: only JSON (application/fhir+json) is served.',
      ar: 'الصيغة غير مخدومة: لا تخدم إلا JSON (application/fhir+json).',
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
  STATISTICS_READERS_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Accès refusé : les indicateurs agrégés (statistics:read) sont réservés à l'ANAM, à la CNDP et au ministère de la Santé.",
      en: 'Access refused: the aggregated indicators (statistics:read) are for ANAM, the CNDP and the Ministry of Health.',
      ar: 'الولوج مرفوض: المؤشرات المجمعة (statistics:read) مخصصة للوكالة الوطنية للتأمين الصحي وللجنة الوطنية لحماية المعطيات ولوزارة الصحة.',
    },
  },
  STATISTICS_WINDOW_INVALID: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: 'Période invalide : la date de début (from) précède ou égale la date de fin (to), et la période couvre {max} jours au plus.',
      en: 'Invalid period: the start date (from) is on or before the end date (to), and the period covers at most {max} days.',
      ar: 'فترة غير صالحة: يكون تاريخ البداية (from) قبل تاريخ النهاية (to) أو مساويا له، ولا تتجاوز الفترة {max} يوما.',
    },
  },
  STATISTICS_ONE_DAY_PER_REQUEST: {
    code: 'BAD_USER_INPUT',
    messages: {
      fr: "Une requête lit la couverture d'un seul jour (asOf) : envoyez une requête par jour.",
      en: 'One request reads the coverage of one day (asOf) only: send one request per day.',
      ar: 'يقرأ الطلب الواحد التغطية ليوم واحد فقط (asOf): أرسلوا طلبا لكل يوم.',
    },
  },
  STATISTICS_BUSY: {
    code: 'RATE_LIMITED',
    messages: {
      fr: "La couverture d'autres jours est en cours de calcul : réessayez dans {seconds} s.",
      en: 'The coverage of other days is being counted: retry in {seconds} s.',
      ar: 'يجري احتساب التغطية لأيام أخرى: أعد المحاولة بعد {seconds} ثانية.',
    },
  },
  BREAK_GLASS_JUSTIFICATION_ANAM_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Accès refusé : la justification d'un accès bris de glace n'est lue que par les responsables de la sécurité de l'ANAM, dans la file de revue.",
      en: "Access refused: a break-glass access's justification is read only by ANAM's security officers, in the review queue.",
      ar: 'الولوج مرفوض: لا يقرأ تبرير ولوج كسر الزجاج إلا مسؤولو الأمن لدى الوكالة الوطنية للتأمين الصحي، في قائمة المراجعة.',
    },
  },
  DOCUMENT_OWNER_ONLY: {
    code: 'FORBIDDEN',
    messages: {
      fr: "Accès refusé : l'assuré ne masque ou ne démasque que ses propres documents.",
      en: 'Access refused: the insured person masks or unmasks only their own documents.',
      ar: 'الولوج مرفوض: لا يخفي المؤمن أو يظهر إلا وثائقه الخاصة.',
    },
  },
} as const satisfies Record<string, ErrorEntry>;

/** A precise reason for an error; each maps to one stable code. */
export type ErrorKey = keyof typeof ERROR_CATALOG;
