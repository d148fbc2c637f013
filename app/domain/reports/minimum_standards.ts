/**
 * The default catalogue of minimum standards of care (DOMAIN-RULES §8).
 * MLSW may edit it; this is only the data a new installation starts from.
 * Each expense line names one standard (or `organisational` for costs that
 * serve no single standard); each expense report carries a compliance
 * self-assessment per standard MS-01 … MS-10.
 *
 * The criteria are measurable statements a shelter can evidence. The MLSW
 * catalogue's own staffing ratios, lengths of stay and space norms could
 * not be obtained (DOMAIN.md §13), so the only figures used are those of
 * the sources: 24/7 security and staff cover, the 90-day reflection period
 * and follow-up at 6 and 12 months.
 */

import { versionInForce } from '#domain/settings/programme_settings'

export const standardCodes = [
  'MS-01',
  'MS-02',
  'MS-03',
  'MS-04',
  'MS-05',
  'MS-06',
  'MS-07',
  'MS-08',
  'MS-09',
  'MS-10',
  'organisational',
] as const
export type StandardCode = (typeof standardCodes)[number]

/** The standards a report assesses compliance with: every code but `organisational`. */
export type MinimumStandardCode = Exclude<StandardCode, 'organisational'>
export const minimumStandardCodes = standardCodes.filter(
  (code): code is MinimumStandardCode => code !== 'organisational'
)

export const complianceLevels = ['met', 'partly', 'not_met'] as const
export type ComplianceLevel = (typeof complianceLevels)[number]

export const standardLocales = ['en', 'sq', 'sr'] as const
export type StandardLocale = (typeof standardLocales)[number]

/** A text in English, Albanian and Serbian (Latin script). */
export type Translated = Record<StandardLocale, string>

export interface StandardCriterion {
  /** Stable key within the catalogue, e.g. `MS-05.2`. */
  code: string
  text: Translated
}

export interface MinimumStandard {
  code: MinimumStandardCode
  title: Translated
  description: Translated
  criteria: StandardCriterion[]
}

export function isStandardCode(value: unknown): value is StandardCode {
  return typeof value === 'string' && (standardCodes as readonly string[]).includes(value)
}

export function isComplianceLevel(value: unknown): value is ComplianceLevel {
  return typeof value === 'string' && (complianceLevels as readonly string[]).includes(value)
}

/** The label of `organisational`, which has no criteria of its own. */
export const organisationalTitle: Translated = {
  en: 'Organisational costs (no single standard)',
  sq: 'Shpenzime organizative (pa një standard të vetëm)',
  sr: 'Organizacioni troškovi (bez jednog standarda)',
}

export const defaultMinimumStandards: readonly MinimumStandard[] = [
  {
    code: 'MS-01',
    title: {
      en: 'Safe accommodation',
      sq: 'Akomodim i sigurt',
      sr: 'Bezbedan smeštaj',
    },
    description: {
      en: 'Security 24 hours a day, 7 days a week, in a confidential location.',
      sq: 'Siguri 24 orë në ditë, 7 ditë në javë, në një vendndodhje konfidenciale.',
      sr: 'Obezbeđenje 24 sata dnevno, 7 dana u nedelji, na poverljivoj lokaciji.',
    },
    criteria: [
      {
        code: 'MS-01.1',
        text: {
          en: 'Security is present 24 hours a day, 7 days a week (guard, alarm or staff on duty).',
          sq: 'Siguria është e pranishme 24 orë në ditë, 7 ditë në javë (roje, alarm ose staf në detyrë).',
          sr: 'Obezbeđenje je prisutno 24 sata dnevno, 7 dana u nedelji (čuvar, alarm ili dežurno osoblje).',
        },
      },
      {
        code: 'MS-01.2',
        text: {
          en: 'The address is confidential: not published, not signposted, known only to staff and authorised institutions.',
          sq: 'Adresa është konfidenciale: nuk publikohet, nuk shënohet me tabela dhe e dinë vetëm stafi dhe institucionet e autorizuara.',
          sr: 'Adresa je poverljiva: ne objavljuje se, nije označena i znaju je samo osoblje i ovlašćene institucije.',
        },
      },
      {
        code: 'MS-01.3',
        text: {
          en: 'A written safety plan with emergency procedures and police contacts exists and is reviewed at least once a year.',
          sq: 'Ekziston një plan i shkruar sigurie me procedura emergjente dhe kontakte të policisë, i rishikuar të paktën një herë në vit.',
          sr: 'Postoji pisani plan bezbednosti sa procedurama za hitne slučajeve i kontaktima policije, koji se revidira najmanje jednom godišnje.',
        },
      },
    ],
  },
  {
    code: 'MS-02',
    title: {
      en: 'Basic needs',
      sq: 'Nevojat themelore',
      sr: 'Osnovne potrebe',
    },
    description: {
      en: 'Food, clothing and hygiene items for every person sheltered.',
      sq: 'Ushqim, veshmbathje dhe mjete higjiene për çdo person të strehuar.',
      sr: 'Hrana, odeća i sredstva za higijenu za svaku smeštenu osobu.',
    },
    criteria: [
      {
        code: 'MS-02.1',
        text: {
          en: 'Three meals a day are served, respecting special diets (health, religion, age).',
          sq: 'Shërbehen tri vakte në ditë, duke respektuar dietat e veçanta (shëndeti, feja, mosha).',
          sr: 'Služe se tri obroka dnevno, uz poštovanje posebne ishrane (zdravlje, vera, uzrast).',
        },
      },
      {
        code: 'MS-02.2',
        text: {
          en: 'Clothing and footwear suited to the season are provided on admission.',
          sq: 'Veshmbathja dhe këpucët e përshtatshme për stinën sigurohen me pranimin.',
          sr: 'Odeća i obuća primerene godišnjem dobu obezbeđuju se pri prijemu.',
        },
      },
      {
        code: 'MS-02.3',
        text: {
          en: 'Personal hygiene items are available at all times.',
          sq: 'Mjetet e higjienës personale janë në dispozicion në çdo kohë.',
          sr: 'Sredstva za ličnu higijenu su dostupna u svakom trenutku.',
        },
      },
    ],
  },
  {
    code: 'MS-03',
    title: {
      en: 'Health care',
      sq: 'Kujdesi shëndetësor',
      sr: 'Zdravstvena zaštita',
    },
    description: {
      en: 'A medical examination on admission and access to health care as needed, for domestic and foreign victims alike.',
      sq: 'Kontroll mjekësor me pranimin dhe qasje në kujdes shëndetësor sipas nevojës, njësoj për viktimat vendore dhe të huaja.',
      sr: 'Lekarski pregled pri prijemu i pristup zdravstvenoj zaštiti po potrebi, jednako za domaće i strane žrtve.',
    },
    criteria: [
      {
        code: 'MS-03.1',
        text: {
          en: 'Every person admitted is offered a medical examination, and their consent is recorded.',
          sq: 'Çdo personi të pranuar i ofrohet kontroll mjekësor dhe pëlqimi i tij regjistrohet.',
          sr: 'Svakoj primljenoj osobi nudi se lekarski pregled, a njena saglasnost se evidentira.',
        },
      },
      {
        code: 'MS-03.2',
        text: {
          en: 'Access to specialist and emergency care is arranged and documented.',
          sq: 'Qasja në kujdes specialistik dhe urgjent është e organizuar dhe e dokumentuar.',
          sr: 'Pristup specijalističkoj i hitnoj zdravstvenoj zaštiti je organizovan i dokumentovan.',
        },
      },
      {
        code: 'MS-03.3',
        text: {
          en: 'Medicines and treatment are covered for foreign victims on the same terms as for domestic ones.',
          sq: 'Ilaçet dhe trajtimi mbulohen për viktimat e huaja me të njëjtat kushte si për ato vendore.',
          sr: 'Lekovi i lečenje pokrivaju se za strane žrtve pod istim uslovima kao za domaće.',
        },
      },
    ],
  },
  {
    code: 'MS-04',
    title: {
      en: 'Psychological counselling',
      sq: 'Këshillim psikologjik',
      sr: 'Psihološko savetovanje',
    },
    description: {
      en: 'Individual counselling by a qualified psychologist, with group, recreational and rehabilitation activities.',
      sq: 'Këshillim individual nga një psikolog i kualifikuar, me aktivitete në grup, rekreative dhe rehabilituese.',
      sr: 'Individualno savetovanje kod kvalifikovanog psihologa, uz grupne, rekreativne i rehabilitacione aktivnosti.',
    },
    criteria: [
      {
        code: 'MS-04.1',
        text: {
          en: 'Every person sheltered is offered individual counselling by a licensed psychologist.',
          sq: 'Çdo personi të strehuar i ofrohet këshillim individual nga një psikolog i licencuar.',
          sr: 'Svakoj smeštenoj osobi nudi se individualno savetovanje kod licenciranog psihologa.',
        },
      },
      {
        code: 'MS-04.2',
        text: {
          en: 'The number of counselling sessions per person and month is recorded, without case narratives in this system.',
          sq: 'Numri i seancave të këshillimit për person në muaj regjistrohet, pa përshkrime të rastit në këtë sistem.',
          sr: 'Broj sesija savetovanja po osobi mesečno se evidentira, bez opisa slučaja u ovom sistemu.',
        },
      },
      {
        code: 'MS-04.3',
        text: {
          en: 'A written programme of group, recreational and rehabilitation activities exists and attendance is recorded.',
          sq: 'Ekziston një program i shkruar i aktiviteteve në grup, rekreative dhe rehabilituese dhe pjesëmarrja regjistrohet.',
          sr: 'Postoji pisani program grupnih, rekreativnih i rehabilitacionih aktivnosti i prisustvo se evidentira.',
        },
      },
    ],
  },
  {
    code: 'MS-05',
    title: {
      en: 'Legal assistance',
      sq: 'Ndihmë juridike',
      sr: 'Pravna pomoć',
    },
    description: {
      en: 'Information on rights and free legal aid, with a reflection period of 90 days.',
      sq: 'Informim për të drejtat dhe ndihmë juridike falas, me një periudhë reflektimi prej 90 ditësh.',
      sr: 'Informisanje o pravima i besplatna pravna pomoć, uz period za razmišljanje od 90 dana.',
    },
    criteria: [
      {
        code: 'MS-05.1',
        text: {
          en: 'Every person is informed of their rights on admission, in a language they understand.',
          sq: 'Çdo person informohet për të drejtat e veta me pranimin, në një gjuhë që e kupton.',
          sr: 'Svaka osoba se pri prijemu obaveštava o svojim pravima, na jeziku koji razume.',
        },
      },
      {
        code: 'MS-05.2',
        text: {
          en: 'A reflection period of 90 days is granted, with no obligation to cooperate with the authorities.',
          sq: 'Jepet një periudhë reflektimi prej 90 ditësh, pa detyrim për të bashkëpunuar me autoritetet.',
          sr: 'Odobrava se period za razmišljanje od 90 dana, bez obaveze saradnje sa organima vlasti.',
        },
      },
      {
        code: 'MS-05.3',
        text: {
          en: 'Free legal aid or a victim advocate is available in every proceeding.',
          sq: 'Ndihma juridike falas ose një mbrojtës i viktimave është në dispozicion në çdo procedurë.',
          sr: 'Besplatna pravna pomoć ili zastupnik žrtava dostupni su u svakom postupku.',
        },
      },
    ],
  },
  {
    code: 'MS-06',
    title: {
      en: 'Education and vocational training',
      sq: 'Arsimi dhe aftësimi profesional',
      sr: 'Obrazovanje i stručno osposobljavanje',
    },
    description: {
      en: 'Continued schooling for children and vocational training for adults.',
      sq: 'Vazhdimi i shkollimit për fëmijët dhe aftësimi profesional për të rriturit.',
      sr: 'Nastavak školovanja za decu i stručno osposobljavanje za odrasle.',
    },
    criteria: [
      {
        code: 'MS-06.1',
        text: {
          en: 'Every child sheltered attends school or an education programme.',
          sq: 'Çdo fëmijë i strehuar ndjek shkollën ose një program arsimor.',
          sr: 'Svako smešteno dete pohađa školu ili obrazovni program.',
        },
      },
      {
        code: 'MS-06.2',
        text: {
          en: 'Adults are offered vocational training, language or literacy courses, and participation is recorded.',
          sq: 'Të rriturve u ofrohet aftësim profesional, kurse gjuhe ose shkrim-leximi dhe pjesëmarrja regjistrohet.',
          sr: 'Odraslima se nudi stručno osposobljavanje, kursevi jezika ili opismenjavanja, a učešće se evidentira.',
        },
      },
      {
        code: 'MS-06.3',
        text: {
          en: 'The number of courses completed and certificates obtained is reported for each period.',
          sq: 'Numri i kurseve të përfunduara dhe i certifikatave të marra raportohet për çdo periudhë.',
          sr: 'Broj završenih kurseva i stečenih sertifikata izveštava se za svaki period.',
        },
      },
    ],
  },
  {
    code: 'MS-07',
    title: {
      en: 'Case management: individual assistance plan',
      sq: 'Menaxhimi i rastit: plani individual i ndihmës',
      sr: 'Vođenje slučaja: individualni plan pomoći',
    },
    description: {
      en: 'Every person has a case manager and an individual assistance plan drawn up and reviewed with them.',
      sq: 'Çdo person ka një menaxher rasti dhe një plan individual ndihme të hartuar dhe të rishikuar së bashku me të.',
      sr: 'Svaka osoba ima voditelja slučaja i individualni plan pomoći izrađen i revidiran zajedno sa njom.',
    },
    criteria: [
      {
        code: 'MS-07.1',
        text: {
          en: 'An individual assistance plan is drawn up with every person admitted.',
          sq: 'Me çdo person të pranuar hartohet një plan individual ndihme.',
          sr: 'Sa svakom primljenom osobom izrađuje se individualni plan pomoći.',
        },
      },
      {
        code: 'MS-07.2',
        text: {
          en: 'Each plan is reviewed with the person and the review dates are recorded.',
          sq: 'Çdo plan rishikohet me personin dhe datat e rishikimit regjistrohen.',
          sr: 'Svaki plan se revidira sa osobom i datumi revizije se evidentiraju.',
        },
      },
      {
        code: 'MS-07.3',
        text: {
          en: 'The case is coordinated with the Centre for Social Work and the referring institution.',
          sq: 'Rasti koordinohet me Qendrën për Punë Sociale dhe institucionin referues.',
          sr: 'Slučaj se koordinira sa Centrom za socijalni rad i institucijom koja je uputila osobu.',
        },
      },
    ],
  },
  {
    code: 'MS-08',
    title: {
      en: 'Reintegration and follow-up',
      sq: 'Riintegrimi dhe ndjekja',
      sr: 'Reintegracija i praćenje',
    },
    description: {
      en: 'A reintegration plan before exit and follow-up at 6 and 12 months after it.',
      sq: 'Një plan riintegrimi para daljes dhe ndjekje 6 dhe 12 muaj pas saj.',
      sr: 'Plan reintegracije pre izlaska i praćenje 6 i 12 meseci nakon njega.',
    },
    criteria: [
      {
        code: 'MS-08.1',
        text: {
          en: 'Every planned exit has a reintegration plan (housing, income, family or community support).',
          sq: 'Çdo dalje e planifikuar ka një plan riintegrimi (strehim, të ardhura, mbështetje nga familja ose komuniteti).',
          sr: 'Svaki planirani izlazak ima plan reintegracije (stanovanje, prihod, podrška porodice ili zajednice).',
        },
      },
      {
        code: 'MS-08.2',
        text: {
          en: 'A follow-up contact 6 months after exit is made and recorded.',
          sq: 'Një kontakt ndjekjeje 6 muaj pas daljes realizohet dhe regjistrohet.',
          sr: 'Kontakt radi praćenja 6 meseci posle izlaska se ostvaruje i evidentira.',
        },
      },
      {
        code: 'MS-08.3',
        text: {
          en: 'A follow-up contact 12 months after exit is made and recorded.',
          sq: 'Një kontakt ndjekjeje 12 muaj pas daljes realizohet dhe regjistrohet.',
          sr: 'Kontakt radi praćenja 12 meseci posle izlaska se ostvaruje i evidentira.',
        },
      },
    ],
  },
  {
    code: 'MS-09',
    title: {
      en: 'Qualified staff',
      sq: 'Staf i kualifikuar',
      sr: 'Kvalifikovano osoblje',
    },
    description: {
      en: 'Licensed professionals, and staff cover 24 hours a day, 7 days a week.',
      sq: 'Profesionistë të licencuar dhe mbulim me staf 24 orë në ditë, 7 ditë në javë.',
      sr: 'Licencirani stručnjaci i pokrivenost osobljem 24 sata dnevno, 7 dana u nedelji.',
    },
    criteria: [
      {
        code: 'MS-09.1',
        text: {
          en: 'Professional staff (social workers, psychologists) hold valid licences or qualifications.',
          sq: 'Stafi profesional (punonjës socialë, psikologë) ka licenca ose kualifikime të vlefshme.',
          sr: 'Stručno osoblje (socijalni radnici, psiholozi) ima važeće licence ili kvalifikacije.',
        },
      },
      {
        code: 'MS-09.2',
        text: {
          en: 'The duty roster covers every hour of every day of the period.',
          sq: 'Orari i shërbimit mbulon çdo orë të çdo dite të periudhës.',
          sr: 'Raspored dežurstava pokriva svaki sat svakog dana u periodu.',
        },
      },
      {
        code: 'MS-09.3',
        text: {
          en: 'Staff receive training and supervision, and the sessions are recorded.',
          sq: 'Stafi merr trajnim dhe mbikëqyrje dhe seancat regjistrohen.',
          sr: 'Osoblje prolazi obuku i superviziju, a sesije se evidentiraju.',
        },
      },
    ],
  },
  {
    code: 'MS-10',
    title: {
      en: 'Confidentiality and data protection',
      sq: 'Konfidencialiteti dhe mbrojtja e të dhënave',
      sr: 'Poverljivost i zaštita podataka',
    },
    description: {
      en: 'Personal data protected under Law No. 06/L-082; reporting by aggregates only.',
      sq: 'Të dhënat personale të mbrojtura sipas Ligjit Nr. 06/L-082; raportim vetëm me të dhëna të përmbledhura.',
      sr: 'Lični podaci zaštićeni u skladu sa Zakonom br. 06/L-082; izveštavanje samo zbirnim podacima.',
    },
    criteria: [
      {
        code: 'MS-10.1',
        text: {
          en: 'Case files are locked away or encrypted, and access is limited to named staff.',
          sq: 'Dosjet e rasteve ruhen nën kyç ose të enkriptuara dhe qasja kufizohet te stafi i caktuar me emër.',
          sr: 'Dosijei slučajeva čuvaju se pod ključem ili šifrovani, a pristup je ograničen na imenovano osoblje.',
        },
      },
      {
        code: 'MS-10.2',
        text: {
          en: 'All staff and volunteers have signed a confidentiality statement.',
          sq: 'I gjithë stafi dhe vullnetarët kanë nënshkruar një deklaratë konfidencialiteti.',
          sr: 'Sve osoblje i volonteri potpisali su izjavu o poverljivosti.',
        },
      },
      {
        code: 'MS-10.3',
        text: {
          en: 'Reports carry no data identifying a victim: pseudonymous case IDs and aggregates only.',
          sq: 'Raportet nuk përmbajnë të dhëna që identifikojnë një viktimë: vetëm ID pseudonime të rasteve dhe të dhëna të përmbledhura.',
          sr: 'Izveštaji ne sadrže podatke koji identifikuju žrtvu: samo pseudonimne oznake slučajeva i zbirne podatke.',
        },
      },
    ],
  },
]

/** The title of a standard in a language; `organisational` included. */
export function standardTitle(
  code: StandardCode,
  locale: StandardLocale = 'en',
  catalogue: readonly MinimumStandard[] = defaultMinimumStandards
) {
  if (code === 'organisational') return organisationalTitle[locale]
  const standard = catalogue.find((s) => s.code === code)
  return standard ? standard.title[locale] : code
}

/**
 * Versions of the catalogue (ADR 0019): the set in force on `date`
 * (YYYY-MM-DD) is every standard of the newest version that took effect
 * on or before it; none before the first. A report is judged against the
 * set in force when its period began, a visit against the set in force on
 * its day, so a new version never changes how an older one was judged.
 * `dateOf` reads a standard's version date (ISO).
 */
export function standardSetInForce<S>(
  standards: readonly S[],
  date: string,
  dateOf: (standard: S) => string
): S[] {
  const versions = [...new Set(standards.map(dateOf))].map((effectiveFrom) => ({ effectiveFrom }))
  const version = versionInForce(versions, date)
  return version ? standards.filter((s) => dateOf(s) === version.effectiveFrom) : []
}
