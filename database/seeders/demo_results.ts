import type { IndicatorInput } from '#actions/results/save_indicator'
import { SaveIndicator } from '#actions/results/save_indicator'
import type { ResultInput } from '#actions/results/save_result'
import { SaveResult } from '#actions/results/save_result'
import { compoundTargets, increasedBy } from '#domain/reports/indicators'
import Result from '#models/result'
import type User from '#models/user'

type IndicatorPlan = Omit<IndicatorInput, 'resultId'>

/**
 * The results framework of the action document, Component 2 (results 5–7
 * and their objectively verifiable indicators), as the EU Office's grant
 * manager would enter it.
 *
 * Baselines are the programme's starting assumptions: the sources give
 * 18–30 referred cases a year (the midpoint is taken) and 22 identified
 * victims in 2021 (TIP 2022); no figure was found for reintegrated
 * victims, so 10 a year is assumed until the MLSW confirms it.
 */
export const programmeResults: readonly (ResultInput & { indicators: IndicatorPlan[] })[] = [
  {
    code: 'R5',
    titleEn:
      'The strategic capability of institutions and civil society to identify the threat, risk and harm of trafficking in human beings is increased',
    titleSq:
      'Rritet aftësia strategjike e institucioneve dhe e shoqërisë civile për të identifikuar kërcënimin, rrezikun dhe dëmin e trafikimit me qenie njerëzore',
    titleSr:
      'Povećana je strateška sposobnost institucija i civilnog društva da prepoznaju pretnju, rizik i štetu od trgovine ljudima',
    indicators: [
      {
        code: 'R5.1',
        titleEn:
          'Cases referred to the shelters by all relevant stakeholders, institutions and civil society',
        titleSq:
          'Raste të referuara në strehimore nga të gjithë akterët përkatës, institucionet dhe shoqëria civile',
        titleSr:
          'Slučajevi koje su svi relevantni akteri, institucije i civilno društvo uputili u skloništa',
        unit: 'cases',
        sourceOfVerification: 'Shelters’ approved service statistics (referrals by source)',
        disaggregation: [],
        rule: 'service_statistics',
        measure: 'referrals',
        baselineYear: 2025,
        baselineValue: 24,
        // A 40 % increase by the milestone, 50 % by the end.
        targets: { 2027: increasedBy(24, 4000), 2029: increasedBy(24, 5000) },
      },
      {
        code: 'R5.2',
        titleEn: 'Awareness trainings delivered to potential referral sources',
        titleSq: 'Trajnime ndërgjegjësuese të ofruara për burimet e mundshme të referimit',
        titleSr: 'Obuke za podizanje svesti održane za potencijalne izvore upućivanja',
        unit: 'events',
        sourceOfVerification: 'Project activity and training reports, sign-in sheets',
        disaggregation: [],
        rule: 'manual',
        measure: '',
        baselineYear: 2025,
        baselineValue: 0,
        targets: { 2026: 10, 2027: 20 },
      },
    ],
  },
  {
    code: 'R6',
    titleEn:
      'Capacities of institutions mandated to prevent, protect, investigate and prosecute trafficking in human beings are strengthened',
    titleSq:
      'Forcohen kapacitetet e institucioneve të mandatuara për parandalimin, mbrojtjen, hetimin dhe ndjekjen penale të trafikimit me qenie njerëzore',
    titleSr:
      'Ojačani su kapaciteti institucija nadležnih za sprečavanje, zaštitu, istragu i krivično gonjenje trgovine ljudima',
    indicators: [
      {
        code: 'R6.1',
        titleEn:
          'Victims and witnesses providing information to the Kosovo Police on trafficking (+50 % a year)',
        titleSq:
          'Viktima dhe dëshmitarë që japin informacion për trafikimin në Policinë e Kosovës (+50 % në vit)',
        titleSr:
          'Žrtve i svedoci koji Kosovskoj policiji daju informacije o trgovini ljudima (+50 % godišnje)',
        unit: 'people',
        sourceOfVerification: 'Kosovo Police performance reports',
        disaggregation: ['sex', 'age_band', 'origin'],
        rule: 'manual',
        measure: '',
        baselineYear: 2025,
        baselineValue: 10,
        targets: compoundTargets(10, 2025, 5000, 2027),
      },
      {
        code: 'R6.2',
        titleEn: 'Victims and witnesses whose information results in an indictment (+25 % a year)',
        titleSq: 'Viktima dhe dëshmitarë informacioni i të cilëve çon në aktakuzë (+25 % në vit)',
        titleSr: 'Žrtve i svedoci čije informacije dovode do optužnice (+25 % godišnje)',
        unit: 'people',
        sourceOfVerification: 'KPC tracking mechanism',
        disaggregation: ['sex'],
        rule: 'narrative_reports',
        measure: '',
        baselineYear: 2025,
        baselineValue: 8,
        targets: compoundTargets(8, 2025, 2500, 2027),
      },
    ],
  },
  {
    code: 'R7',
    titleEn:
      'Service provision and reintegration process for victims of trafficking is sustainable and strengthened',
    titleSq:
      'Ofrimi i shërbimeve dhe procesi i riintegrimit për viktimat e trafikimit janë të qëndrueshme dhe të forcuara',
    titleSr: 'Pružanje usluga i proces reintegracije žrtava trgovine ljudima su održivi i ojačani',
    indicators: [
      {
        code: 'R7.1',
        titleEn: 'Victims reintegrated in the social life of their communities (+10 % a year)',
        titleSq:
          'Viktima të riintegruara në jetën shoqërore të komuniteteve të tyre (+10 % në vit)',
        titleSr: 'Žrtve reintegrisane u društveni život svojih zajednica (+10 % godišnje)',
        unit: 'people',
        sourceOfVerification: 'Shelters’ approved service statistics (exits: reintegrated)',
        disaggregation: ['sex', 'age_band', 'origin'],
        rule: 'service_statistics',
        measure: 'exits_reintegrated',
        baselineYear: 2025,
        baselineValue: 10,
        targets: compoundTargets(10, 2025, 1000, 2029),
      },
      {
        code: 'R7.2',
        titleEn: 'Victims admitted to the shelters (tracked)',
        titleSq: 'Viktima të pranuara në strehimore (ndiqet)',
        titleSr: 'Žrtve primljene u skloništa (prati se)',
        unit: 'people',
        sourceOfVerification: 'Shelters’ approved service statistics (admissions)',
        disaggregation: ['sex', 'age_band', 'origin'],
        rule: 'service_statistics',
        measure: 'admissions',
        baselineYear: 2025,
        baselineValue: 22,
        targets: {},
      },
      {
        code: 'R7.3',
        titleEn: 'Shelters licensed by the MLSW and applying the minimum standards',
        titleSq: 'Strehimore të licencuara nga MPMS dhe që zbatojnë standardet minimale',
        titleSr: 'Skloništa licencirana od MRSZ koja primenjuju minimalne standarde',
        unit: 'shelters',
        sourceOfVerification: 'MLSW licence register, monitoring visits',
        disaggregation: [],
        rule: 'manual',
        measure: '',
        baselineYear: 2025,
        baselineValue: 3,
        targets: { 2026: 5, 2027: 6 },
      },
      {
        code: 'R7.4',
        titleEn: 'Shelters funded from the MLSW’s annual budget',
        titleSq: 'Strehimore të financuara nga buxheti vjetor i MPMS',
        titleSr: 'Skloništa finansirana iz godišnjeg budžeta MRSZ',
        unit: 'shelters',
        sourceOfVerification: 'Budget law, MLSW transfers (handover plan)',
        disaggregation: [],
        rule: 'manual',
        measure: '',
        baselineYear: 2025,
        baselineValue: 0,
        targets: { 2026: 3, 2027: 6 },
      },
    ],
  },
]

/** Enters the results framework through the actions the EU Office's grant managers use. */
export class DemoResults {
  async load(by: User) {
    if (await Result.findBy('code', programmeResults[0].code)) return
    const saveResult = new SaveResult()
    const saveIndicator = new SaveIndicator()
    for (const { indicators, ...plan } of programmeResults) {
      const result = await saveResult.handle(null, plan, by, null)
      for (const indicator of indicators) {
        await saveIndicator.handle(null, { ...indicator, resultId: result.id }, by, null)
      }
    }
  }
}
