import { searchSorts, searchTypes } from '#domain/search'
import { taskKinds } from '#domain/tasks'
import { monitoringPaths } from '#services/openapi_monitoring'
import { narrativePaths } from '#services/openapi_narrative'
import { resultsPaths } from '#services/openapi_results'

/**
 * The OpenAPI 3.1 description of /api/v1. A functional test fails when a
 * registered API route is missing here, so every feature adds its paths.
 */
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
})

const secured = [{ bearer: [] }]

const dataResponse = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { data: schema } } } },
})

const jsonBody = (schema: object) => ({
  required: true,
  content: { 'application/json': { schema } },
})

// Contingency releases and accepted costs (DOMAIN-RULES §3)
const releaseHeadingNames = [
  'human_resources',
  'travel',
  'equipment_supplies',
  'local_office',
  'other_costs_services',
  'other',
]
const contingencyReleaseSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    grantId: { type: 'integer' },
    heading: { enum: releaseHeadingNames },
    amountCents: { type: 'integer' },
    currency: { type: 'string' },
    justification: { type: 'string' },
    status: { enum: ['requested', 'approved', 'refused'] },
    requestedById: { type: 'integer' },
    decidedById: { type: ['integer', 'null'] },
    decidedAt: { type: ['string', 'null'], format: 'date-time' },
    decisionComment: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
}
const acceptedCostsSchema = {
  type: 'object',
  description:
    'Accepted costs: indirect capped at floor(7 % × accepted direct), contingency accepted up to the approved releases; the excess is not accepted',
  properties: Object.fromEntries(
    [
      'directCents',
      'indirectAdmittedCents',
      'indirectCapCents',
      'indirectAcceptedCents',
      'indirectExcessCents',
      'contingencyAdmittedCents',
      'contingencyReleasedCents',
      'contingencyAcceptedCents',
      'contingencyExcessCents',
      'unassignedCents',
      'admittedCents',
      'acceptedCents',
      'notAcceptedCents',
    ].map((name) => [name, { type: 'integer' }])
  ),
}

/** Programme settings: the values of one version (basis points: 9500 = 95 %; cents). */
const bp = { type: 'integer', minimum: 0, maximum: 10000 }
const days = { type: 'array', items: { type: 'integer', minimum: 0, maximum: 365 }, maxItems: 10 }
const programmeSettingsSchema = {
  type: 'object',
  required: [
    'actionTitle',
    'actionStartsOn',
    'actionEndsOn',
    'currency',
    'languages',
    'maxFunderShareBp',
    'cofinancingMinBp',
    'indirectCapBp',
    'contingencyCapBp',
    'maxPerThirdPartyCents',
    'maxRequestChangeBp',
    'maxDurationMonths',
    'prefinancingCapBp',
    'optionOnePrefinancingBp',
    'optionOneMaxMonths',
    'optionOneMaxFunderCents',
    'flexibilityBp',
    'addendumNoticeDays',
    'licenceReminderDays',
    'reportReminderDaysBefore',
    'reportReminderDaysAfter',
    'publicationMinimum',
    'handoverOccupancyBp',
    'handoverTargetPathBp',
  ],
  properties: {
    actionTitle: { type: 'string' },
    decisionNumber: { type: 'string' },
    actionStartsOn: { type: 'string', format: 'date' },
    actionEndsOn: { type: 'string', format: 'date' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    languages: { type: 'array', items: { enum: ['en', 'sq', 'sr-Latn'] }, minItems: 1 },
    maxFunderShareBp: { ...bp, default: 9500 },
    cofinancingMinBp: {
      ...bp,
      default: 500,
      description: 'With maxFunderShareBp it must add up to 10000',
    },
    indirectCapBp: { ...bp, default: 700 },
    contingencyCapBp: { ...bp, default: 500 },
    maxPerThirdPartyCents: { type: 'integer', minimum: 0, default: 6000000 },
    maxRequestChangeBp: { ...bp, default: 2000 },
    maxDurationMonths: { type: 'integer', minimum: 1, maximum: 120, default: 24 },
    prefinancingCapBp: { ...bp, default: 9000 },
    optionOnePrefinancingBp: { ...bp, default: 8000 },
    optionOneMaxMonths: { type: 'integer', minimum: 1, maximum: 120, default: 12 },
    optionOneMaxFunderCents: { type: 'integer', minimum: 0, default: 10000000 },
    flexibilityBp: { ...bp, default: 2500 },
    addendumNoticeDays: { type: 'integer', minimum: 0, maximum: 365, default: 30 },
    licenceReminderDays: { ...days, default: [90, 60, 30, 0] },
    reportReminderDaysBefore: { ...days, default: [14, 3] },
    reportReminderDaysAfter: { ...days, default: [1, 14] },
    publicationMinimum: { type: 'integer', minimum: 2, maximum: 100, default: 5 },
    handoverOccupancyBp: { ...bp, default: 7500 },
    bedYearNormCents: { type: ['integer', 'null'], minimum: 0 },
    handoverTargetPathBp: { type: 'array', items: bp, minItems: 1, maxItems: 20 },
  },
}
const settingsVersionSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    effectiveFrom: { type: 'string', format: 'date' },
    values: programmeSettingsSchema,
  },
}
const referenceListSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      code: { type: 'string' },
      nameEn: { type: 'string' },
      nameSq: { type: 'string' },
      nameSr: { type: 'string' },
      retiredOn: { type: ['string', 'null'], format: 'date' },
    },
  },
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Shelter Grants API',
    version: '1.0.0',
    description:
      'Grant and sub-grant management for shelters for victims of trafficking. Amounts are integer cents; dates are YYYY-MM-DD; instants are ISO 8601 in UTC.',
  },
  servers: [{ url: '/api/v1' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      BankAccount: {
        type: 'object',
        required: ['id', 'organisationId', 'iban', 'holderName', 'currency', 'isPrimary'],
        properties: {
          id: { type: 'integer' },
          organisationId: { type: 'integer' },
          iban: { type: 'string', description: 'Electronic format, checked by ibantools' },
          holderName: { type: 'string' },
          bankName: { type: ['string', 'null'] },
          currency: { type: 'string', minLength: 3, maxLength: 3 },
          isPrimary: { type: 'boolean', description: 'The account payment orders name' },
          certificate: {
            type: ['object', 'null'],
            properties: { fileName: { type: 'string' }, sha256: { type: 'string' } },
          },
        },
      },
      Person: {
        type: 'object',
        required: ['id', 'name', 'email', 'isActive', 'memberships'],
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          email: { type: 'string', format: 'email' },
          isActive: { type: 'boolean' },
          memberships: {
            type: 'array',
            description: 'Roles in the organisations the reader manages (all for an administrator)',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                organisationId: { type: 'integer' },
                organisation: { type: 'string' },
                role: { type: 'string' },
                managesPeople: { type: 'boolean' },
              },
            },
          },
        },
      },
      GrantForecasts: {
        type: 'object',
        properties: {
          grantId: { type: 'integer' },
          currency: { type: 'string' },
          source: { enum: ['grantee', 'spread'] },
          spreadReason: { enum: ['none_entered', 'no_longer_fit', null] },
          budgetWithoutContingencyCents: { type: 'integer' },
          periods: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                periodNumber: { type: 'integer' },
                startsOn: { type: 'string', format: 'date' },
                endsOn: { type: 'string', format: 'date' },
                enteredCents: { type: ['integer', 'null'] },
                scheduleCents: { type: 'integer' },
              },
            },
          },
        },
      },
      CofinancingKind: { enum: ['own_funds', 'other_donor', 'in_kind'] },
      CofinancingSource: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          kind: { $ref: '#/components/schemas/CofinancingKind' },
          source: { type: 'string' },
          currency: { type: 'string' },
          amountCents: { type: 'integer' },
        },
      },
      ExpenseLine: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          position: { type: 'integer' },
          spentOn: { type: 'string', format: 'date' },
          supplier: { type: 'string' },
          description: { type: 'string' },
          budgetLineId: { type: ['integer', 'null'] },
          standard: { type: 'string', description: 'MS-01 … MS-10 or organisational' },
          currency: { type: 'string' },
          amountCents: { type: 'integer', description: 'In the line currency' },
          exchangeRateMicro: {
            type: ['integer', 'null'],
            description:
              'The rate the grantee gave, currency per EUR × 1 000 000 (the amount is converted at the InforEuro rate of the month)',
          },
          claimedCents: {
            type: 'integer',
            description: 'In EUR: at the InforEuro rate of the month (rounded half up)',
          },
          vat: {
            enum: ['exempt', 'not_applicable', 'recoverable_included', 'non_recoverable_included'],
          },
          supplierCountry: { type: 'string', description: 'ISO 3166 alpha-2; XK is Kosovo' },
          receiptNumber: { type: ['string', 'null'] },
          flags: {
            type: 'array',
            items: {
              type: 'object',
              properties: { code: { type: 'string' }, detail: { type: 'object' } },
            },
          },
          admittedCents: { type: ['integer', 'null'] },
          admissionReason: { type: ['string', 'null'] },
        },
      },
      ExpenseReport: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          grantId: { type: 'integer' },
          periodNumber: { type: 'integer' },
          kind: { enum: ['interim', 'final'] },
          status: { enum: ['draft', 'submitted', 'under_verification', 'returned', 'approved'] },
          version: { type: 'integer' },
          claimedCents: { type: 'integer' },
          admittedCents: { type: ['integer', 'null'] },
          lines: { type: 'array', items: { $ref: '#/components/schemas/ExpenseLine' } },
          totals: {
            type: 'object',
            description: 'Claimed and admitted per heading, per standard and in total',
          },
          budgetVsActual: {
            type: 'object',
            description:
              'Planned, claimed, admitted, remaining and % used per budget line and heading',
          },
          costPerBedDayCents: { type: ['integer', 'null'] },
          statistics: {
            type: ['object', 'null'],
            description:
              'Aggregate service statistics; for callers outside the shelter\'s organisation and the MLSW, hidden entries are {"suppressed": true, "display": "<5"} (below 5) or {"suppressed": true, "display": "x"} (5 or more), see README "What outsiders see"',
          },
          compliance: { type: 'array', items: { type: 'object' } },
          changesSinceReturn: { type: ['array', 'null'] },
          history: { type: 'array', items: { type: 'object' } },
        },
      },
      ExpenseImport: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          status: { enum: ['queued', 'running', 'failed', 'interrupted', 'done'] },
          fileName: { type: 'string' },
          totalRows: { type: 'integer' },
          processedRows: { type: 'integer' },
          importedLines: { type: 'integer' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                row: { type: 'integer' },
                column: { type: 'string' },
                message: { type: 'string' },
              },
            },
          },
        },
      },
      DocumentVisibility: {
        type: 'object',
        description:
          "EU visibility on the grant's PDFs: the emblem with 'Funded by the European Union', or a confidentiality mark when the documents would reveal a shelter",
        properties: {
          confidential: { type: 'boolean' },
          reason: { type: ['string', 'null'] },
        },
      },
      Grant: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          reference: { type: 'string' },
          status: {
            enum: [
              'draft',
              'signed',
              'in_implementation',
              'suspended',
              'implementation_ended',
              'final_report_submitted',
              'closed',
            ],
          },
          parentGrantId: { type: ['integer', 'null'] },
          grantee: { type: 'object' },
          funder: { type: 'object' },
          currency: { type: 'string' },
          totalEligibleCents: { type: 'integer' },
          funderCents: { type: 'integer' },
          cofinancingCents: { type: 'integer' },
          paymentOption: { enum: ['option_1', 'option_2'] },
          paymentOptionReasons: {
            type: 'array',
            items: { enum: ['short_period', 'small_contribution', 'long_and_large'] },
            description: 'Why the option applies (DOMAIN-RULES §4.4); empty for older grants',
          },
          prefinancingCapBp: { type: 'integer' },
          startsOn: { type: 'string', format: 'date' },
          endsOn: { type: 'string', format: 'date' },
          documentVisibility: { $ref: '#/components/schemas/DocumentVisibility' },
          acceptedCostsCents: { type: 'integer', description: 'What settlement and E use' },
          acceptedCosts: acceptedCostsSchema,
        },
      },
      PaymentRequest: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          grantId: { type: 'integer' },
          number: { type: 'integer' },
          kind: { enum: ['initial_prefinancing', 'further_prefinancing', 'balance'] },
          period: { type: ['integer', 'null'] },
          status: { enum: ['requested', 'returned', 'verified', 'approved', 'paid'] },
          held: { type: 'boolean' },
          heldReason: { type: ['string', 'null'] },
          scheduledCents: { type: 'integer' },
          thresholdCents: { type: ['integer', 'null'] },
          fundedExpenditureCents: { type: ['integer', 'null'] },
          reductionCents: { type: 'integer' },
          payableCents: { type: 'integer' },
          verifiedCents: { type: ['integer', 'null'] },
          adjustmentReason: { type: ['string', 'null'] },
          conditions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: { type: 'string' },
                met: { type: 'boolean' },
                effect: { enum: ['refuse', 'hold', 'info'] },
                detail: { type: 'object' },
              },
            },
          },
          payment: { oneOf: [{ $ref: '#/components/schemas/Payment' }, { type: 'null' }] },
        },
      },
      Payment: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          paymentRequestId: { type: 'integer' },
          amountCents: { type: 'integer' },
          currency: { type: 'string' },
          valueDate: { type: 'string', format: 'date' },
          bankReference: { type: 'string' },
        },
      },
      Errors: {
        type: 'object',
        required: ['errors'],
        properties: {
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                field: { type: 'string' },
              },
            },
          },
        },
      },
      Organisation: {
        type: 'object',
        required: ['id', 'name', 'kind', 'status'],
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          shortName: { type: ['string', 'null'] },
          kind: {
            enum: ['contracting_authority', 'lead_grantee', 'ngo', 'ministry', 'audit_firm'],
          },
          municipalityCode: { type: ['string', 'null'] },
          legalName: { type: ['string', 'null'] },
          registrationNumber: { type: ['string', 'null'] },
          fiscalNumber: { type: ['string', 'null'] },
          address: { type: ['string', 'null'] },
          legalRepresentative: { type: ['string', 'null'] },
          contactPerson: { type: ['string', 'null'] },
          email: { type: ['string', 'null'] },
          phone: { type: ['string', 'null'] },
          website: { type: ['string', 'null'] },
          status: { enum: ['active', 'inactive', 'pending'] },
        },
      },
      OrganisationInput: {
        type: 'object',
        description:
          'Registry fields. POST requires name and kind; PATCH changes only the fields sent. The IBAN is checked (country format and check digits) and stored without spaces; a registration number already registered is refused with 422.',
        properties: {
          name: { type: 'string', minLength: 2, maxLength: 255 },
          kind: {
            enum: ['contracting_authority', 'lead_grantee', 'ngo', 'ministry', 'audit_firm'],
          },
          legalName: { type: ['string', 'null'] },
          shortName: { type: ['string', 'null'], maxLength: 60 },
          registrationNumber: { type: ['string', 'null'], maxLength: 40 },
          fiscalNumber: { type: ['string', 'null'], maxLength: 40 },
          address: { type: ['string', 'null'] },
          municipalityCode: { type: ['string', 'null'] },
          legalRepresentative: { type: ['string', 'null'] },
          contactPerson: { type: ['string', 'null'] },
          email: { type: ['string', 'null'], format: 'email' },
          phone: { type: ['string', 'null'] },
          website: { type: ['string', 'null'], format: 'uri' },
          status: { enum: ['active', 'inactive'], description: 'PATCH only' },
        },
      },
      Licence: {
        type: 'object',
        required: [
          'id',
          'number',
          'organisationId',
          'level',
          'services',
          'issuedOn',
          'validUntil',
          'status',
        ],
        properties: {
          id: { type: 'integer' },
          number: { type: 'string' },
          organisationId: { type: 'integer' },
          shelterId: { type: ['integer', 'null'] },
          level: { enum: ['basic', 'secondary', 'higher'] },
          services: { type: 'array', items: { $ref: '#/components/schemas/LicenceService' } },
          issuedOn: { type: 'string', format: 'date' },
          validUntil: { type: 'string', format: 'date' },
          status: {
            enum: ['active', 'expiring', 'expired', 'suspended', 'revoked', 'renewal_pending'],
          },
          replacesLicenceId: { type: ['integer', 'null'] },
          hasDecisionFile: { type: 'boolean' },
          decisions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                kind: { enum: ['suspended', 'revoked', 'reinstated'] },
                effectiveOn: { type: 'string', format: 'date' },
                reason: { type: 'string' },
              },
            },
          },
          pendingRenewal: {
            type: ['object', 'null'],
            properties: {
              id: { type: 'integer' },
              requestedOn: { type: 'string', format: 'date' },
            },
          },
        },
      },
      LicenceService: {
        type: 'string',
        description:
          'A service code from the reference data (/admin/reference/services): new licences, renewals and calls take the services not retired today; a fresh database has residential_vot, residential_dv, counselling, day_care, reintegration',
        examples: ['residential_vot'],
      },
      // Handover plan
      HandoverFunding: {
        type: 'object',
        description:
          'Funding by source in cents: state = transfers; donor = sub-grant payments to the organisation running the shelter by value-date year less recoveries (split by beds when it runs several); the others as entered',
        properties: {
          stateCents: { type: 'integer' },
          donorCents: { type: 'integer' },
          municipalityCents: { type: 'integer' },
          otherDonorsCents: { type: 'integer' },
          ownIncomeCents: { type: 'integer' },
          totalCents: { type: 'integer' },
        },
      },
      HandoverNeed: {
        type: 'object',
        description:
          "The annual cost of running the shelter: from reports = round(verified total operating cost (all sources) × beds × 365 × occupancy / (bed-days × 10 000)); without a verified operating cost, the MLSW's entered norm with its justification (withoutVerifiedCost true); or entered",
        properties: {
          method: { enum: ['reports', 'entered'] },
          amountCents: { type: ['integer', 'null'] },
          beds: { type: 'integer' },
          occupancyBp: { type: 'integer' },
          daysInYear: { type: 'integer' },
          withoutVerifiedCost: { type: 'boolean' },
          operatingCostCents: { type: 'integer' },
          bedDays: { type: 'integer' },
          reports: { type: 'integer' },
          costPerBedDayCents: { type: ['integer', 'null'] },
          justification: { type: ['string', 'null'] },
        },
      },
      HandoverTarget: {
        type: 'object',
        properties: {
          stateShareBp: { type: ['integer', 'null'] },
          municipalShareBp: { type: ['integer', 'null'] },
          source: { enum: ['default', 'plan', 'shelter'] },
        },
      },
      HandoverPosition: {
        type: 'object',
        properties: {
          year: { type: 'integer' },
          needCents: { type: ['integer', 'null'] },
          funding: { $ref: '#/components/schemas/HandoverFunding' },
          committedCents: { type: 'integer' },
          transferredCents: { type: 'integer' },
          stateShareBp: {
            type: ['integer', 'null'],
            description: 'Realised state share: floor(transfers × 10 000 / need)',
          },
          committedShareBp: { type: ['integer', 'null'] },
          targetStateShareBp: { type: ['integer', 'null'] },
          targetStateCents: { type: ['integer', 'null'] },
          targetMunicipalShareBp: { type: ['integer', 'null'] },
          targetMunicipalCents: { type: ['integer', 'null'] },
          gapCents: {
            type: ['integer', 'null'],
            description: 'need − all funding; negative when funding exceeds the need',
          },
          shortfallCents: { type: ['integer', 'null'], description: 'max(0, need − funding)' },
          surplusCents: { type: ['integer', 'null'], description: 'max(0, funding − need)' },
          riskScore: { type: 'integer' },
          flags: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: {
                  enum: [
                    'unlicensed',
                    'donor_ends_before_target',
                    'half_not_transferred',
                    'not_fully_transferred',
                    'under_committed',
                    'late_first_transfer',
                  ],
                },
                detail: { type: 'object' },
              },
            },
          },
        },
      },
      // Budget changes
      BudgetChange: {
        type: 'object',
        required: ['id', 'grantId', 'kind', 'status', 'fromVersion', 'effectiveOn', 'headings'],
        properties: {
          id: { type: 'integer' },
          grantId: { type: 'integer' },
          kind: {
            enum: ['notification', 'addendum'],
            description:
              "notification: no heading changes by more than 25 % against the original or last amended budget (applied at once); addendum: needs the funder's approval",
          },
          status: { enum: ['recorded', 'requested', 'approved', 'refused'] },
          fromVersion: {
            type: 'integer',
            description: 'The budget version the change was made on',
          },
          toVersion: {
            type: ['integer', 'null'],
            description: 'The budget version the change wrote; null until applied',
          },
          baseVersion: {
            type: 'integer',
            description: 'The version the 25 % rule measured against (original or last addendum)',
          },
          effectiveOn: { type: 'string', format: 'date' },
          justification: { type: 'string' },
          currency: { type: 'string' },
          flexibilityBp: { type: 'integer', description: 'The limit per heading: 2500 = 25 %' },
          addendumReasons: {
            type: 'array',
            items: { enum: ['HEADING_OVER_FLEXIBILITY', 'TEC_CHANGED', 'CONTINGENCY_GROWS'] },
            description: 'Why the change is an addendum; empty for a notification',
          },
          headings: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                heading: { type: 'string' },
                baseCents: { type: 'integer' },
                proposedCents: { type: 'integer' },
                changeCents: { type: 'integer' },
                changeBp: {
                  type: ['string', 'null'],
                  pattern: '^-?\\d+$',
                  description:
                    'Change / base in basis points as an integer string, magnitude rounded up; null when the base is 0',
                },
                needsAddendum: { type: 'boolean' },
              },
            },
          },
          lines: { type: 'array', items: { type: 'object' } },
          totalEligibleBeforeCents: { type: 'integer' },
          totalEligibleAfterCents: { type: 'integer' },
          funderBeforeCents: { type: 'integer' },
          funderAfterCents: {
            type: 'integer',
            description: 'min(F before, floor(TEC after × max share)): never more than before',
          },
          cofinancingBeforeCents: { type: 'integer' },
          cofinancingAfterCents: { type: 'integer' },
          proposedById: { type: 'integer' },
          decidedById: { type: ['integer', 'null'] },
          decidedAt: { type: ['string', 'null'], format: 'date-time' },
          decisionComment: { type: ['string', 'null'] },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
      Shelter: {
        type: 'object',
        required: [
          'id',
          'organisationId',
          'name',
          'municipalityCode',
          'capacityBeds',
          'targetGroups',
        ],
        properties: {
          id: { type: 'integer' },
          organisationId: { type: 'integer' },
          name: { type: 'string' },
          municipalityCode: { type: 'string' },
          capacityBeds: { type: 'integer' },
          targetGroups: {
            type: 'array',
            items: { enum: ['victims_of_trafficking', 'domestic_violence', 'children'] },
          },
          openedOn: { type: ['string', 'null'], format: 'date' },
          status: { enum: ['open', 'closed'] },
          confidentialAddress: {
            type: ['string', 'null'],
            description: 'Only for the shelter organisation and MLSW officials; never in lists.',
          },
        },
      },
      Me: {
        type: 'object',
        required: ['id', 'email', 'name', 'organisations'],
        properties: {
          id: { type: 'integer' },
          email: { type: 'string', format: 'email' },
          name: { type: 'string' },
          organisations: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                name: { type: 'string' },
                kind: { type: 'string' },
                roles: {
                  type: 'array',
                  items: {
                    enum: [
                      'applicant',
                      'grant_manager',
                      'finance_officer',
                      'assessor',
                      'mlsw_official',
                      'auditor',
                      'admin',
                    ],
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  paths: {
    // Monitoring visits and action points (ADR 0031)
    ...monitoringPaths,
    ...narrativePaths,
    ...resultsPaths,
    '/openapi.json': {
      get: {
        summary: 'This document',
        responses: { '200': { description: 'OpenAPI 3.1 document' } },
      },
    },
    '/tokens': {
      post: {
        summary: 'Create an access token from an email and password',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['email', 'password'],
                properties: {
                  email: { type: 'string', format: 'email' },
                  password: { type: 'string' },
                  name: { type: 'string', maxLength: 100, default: 'api' },
                  scope: {
                    type: 'string',
                    enum: ['read', 'write'],
                    default: 'write',
                    description: 'A read token gets 403 (E_TOKEN_SCOPE) on routes that change data',
                  },
                  expiresInDays: { type: 'integer', minimum: 1, maximum: 365, default: 30 },
                  otp: {
                    type: 'string',
                    description: 'The authenticator code, for accounts with two-factor sign-in',
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Token created',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    type: { const: 'bearer' },
                    token: { type: 'string' },
                    scope: { type: 'string', enum: ['read', 'write'] },
                  },
                },
              },
            },
          },
          '401': errorResponse('Invalid email or password, or a missing or wrong otp'),
          '403': errorResponse('Two-factor sign-in must be set up first'),
          '422': errorResponse('Malformed request'),
          '429': errorResponse('Too many failed attempts'),
        },
      },
    },
    '/tokens/current': {
      delete: {
        summary: 'Revoke the token used for this request',
        security: secured,
        responses: { '204': { description: 'Revoked' }, '401': errorResponse('Not authenticated') },
      },
    },
    '/me': {
      get: {
        summary: 'The signed-in user with their organisations and roles',
        security: secured,
        responses: {
          '200': {
            description: 'The user',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Me' } } },
          },
          '401': errorResponse('Not authenticated'),
        },
      },
    },
    '/search': {
      get: {
        summary:
          'Search grants, applications, organisations or expense reports the caller may see, by reference or name, 25 per page, with counts per type',
        security: secured,
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 } },
          { name: 'type', in: 'query', schema: { enum: [...searchTypes] } },
          { name: 'status', in: 'query', schema: { type: 'string', pattern: '^[a-z_]{1,40}$' } },
          {
            name: 'period',
            in: 'query',
            description: 'Reporting period (reports) or a year the grant runs in (grants)',
            schema: { type: 'integer', minimum: 1, maximum: 3000 },
          },
          { name: 'sort', in: 'query', schema: { enum: [...searchSorts] } },
          { name: 'direction', in: 'query', schema: { enum: ['asc', 'desc'] } },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': dataResponse('Rows found', {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                type: { enum: [...searchTypes] },
                id: { type: 'integer' },
                label: { type: 'string' },
                detail: { type: 'string' },
                status: { type: ['string', 'null'] },
                date: { type: ['string', 'null'] },
                href: { type: 'string' },
              },
            },
          }),
          '401': errorResponse('Not authenticated'),
          '422': errorResponse('A filter is not valid'),
        },
      },
    },
    '/tasks': {
      get: {
        summary:
          "The caller's open tasks (task inbox): what to do, on which object, by when, and where; in the caller's language",
        security: secured,
        parameters: [
          { name: 'kind', in: 'query', schema: { enum: [...taskKinds] } },
          {
            name: 'due',
            in: 'query',
            description: 'Only tasks due on or before this date (YYYY-MM-DD)',
            schema: { type: 'string', format: 'date' },
          },
          { name: 'overdue', in: 'query', schema: { enum: ['yes', 'no'] } },
        ],
        responses: {
          '200': dataResponse('Tasks, overdue first, then by due date', {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                kind: { enum: [...taskKinds] },
                kindLabel: { type: 'string' },
                task: { type: 'string', description: 'What to do, in words' },
                subject: {
                  type: 'object',
                  properties: {
                    type: { type: 'string' },
                    id: { type: 'integer' },
                    label: { type: 'string' },
                  },
                },
                role: { type: 'string' },
                roleLabel: { type: 'string' },
                organisation: {
                  type: 'object',
                  properties: { id: { type: 'integer' }, name: { type: 'string' } },
                },
                dueOn: { type: ['string', 'null'], format: 'date' },
                dueOnText: { type: ['string', 'null'] },
                overdue: { type: 'boolean' },
                href: { type: 'string' },
              },
            },
          }),
          '401': errorResponse('Not authenticated'),
          '422': errorResponse('A filter is not valid'),
        },
      },
    },
    '/organisations': {
      get: {
        summary: 'Organisations the user may see',
        security: secured,
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string' } },
          {
            name: 'kind',
            in: 'query',
            schema: {
              enum: ['contracting_authority', 'lead_grantee', 'ngo', 'ministry', 'audit_firm'],
            },
          },
          { name: 'status', in: 'query', schema: { enum: ['active', 'inactive', 'pending'] } },
          {
            name: 'sort',
            in: 'query',
            schema: { enum: ['name', 'kind', 'municipality_code', 'created_at'] },
          },
          { name: 'direction', in: 'query', schema: { enum: ['asc', 'desc'] } },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': {
            description: 'A page of organisations',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    data: { type: 'array', items: { $ref: '#/components/schemas/Organisation' } },
                    meta: { type: 'object' },
                  },
                },
              },
            },
          },
          '401': errorResponse('Not authenticated'),
          '422': errorResponse('Invalid filter'),
        },
      },
      post: {
        summary: 'Register an organisation (administrators and the funder’s grant managers)',
        security: secured,
        requestBody: jsonBody({
          allOf: [
            { $ref: '#/components/schemas/OrganisationInput' },
            { required: ['name', 'kind'] },
          ],
        }),
        responses: {
          '201': dataResponse('The organisation', { $ref: '#/components/schemas/Organisation' }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not allowed to keep the registry'),
          '422': errorResponse(
            'Invalid fields, invalid IBAN or a registration number already registered'
          ),
        },
      },
    },
    '/organisations/{id}': {
      get: {
        summary: 'One organisation (404 when the user may not see it)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': {
            description: 'The organisation',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { data: { $ref: '#/components/schemas/Organisation' } },
                },
              },
            },
          },
          '401': errorResponse('Not authenticated'),
          '404': errorResponse('Not found or not visible'),
        },
      },
      patch: {
        summary: 'Edit an organisation’s registry entry (only the fields sent change)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({ $ref: '#/components/schemas/OrganisationInput' }),
        responses: {
          '200': dataResponse('The organisation', { $ref: '#/components/schemas/Organisation' }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not allowed to keep the registry'),
          '404': errorResponse('Not found or not visible'),
          '422': errorResponse(
            'Invalid fields, invalid IBAN or a registration number already registered'
          ),
        },
      },
    },
    '/organisations/{id}/bank-accounts': {
      get: {
        summary:
          'The bank accounts of an organisation (its members and payment staff; not MLSW officials)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The accounts, primary first', {
            type: 'array',
            items: { $ref: '#/components/schemas/BankAccount' },
          }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not allowed to read bank accounts'),
          '404': errorResponse('Organisation not found or not visible'),
        },
      },
      post: {
        summary: 'Add a bank account (the first one is primary; isPrimary takes over); audited',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['iban', 'holderName'],
          properties: {
            iban: { type: 'string' },
            holderName: { type: 'string' },
            bankName: { type: 'string' },
            currency: { type: 'string', default: 'EUR' },
            isPrimary: { type: 'boolean' },
          },
        }),
        responses: {
          '201': dataResponse('The account', { $ref: '#/components/schemas/BankAccount' }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not allowed to keep the bank accounts'),
          '404': errorResponse('Organisation not found or not visible'),
          '422': errorResponse('Invalid IBAN, or an IBAN the organisation already has'),
        },
      },
    },
    '/organisations/{id}/bank-accounts/{accountId}': {
      patch: {
        summary:
          'Change the holder, bank or currency, or make the account primary; the IBAN never changes',
        security: secured,
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'accountId', in: 'path', required: true, schema: { type: 'integer' } },
        ],
        requestBody: jsonBody({
          type: 'object',
          properties: {
            holderName: { type: 'string' },
            bankName: { type: ['string', 'null'] },
            currency: { type: 'string' },
            isPrimary: { const: true },
          },
        }),
        responses: {
          '200': dataResponse('The account', { $ref: '#/components/schemas/BankAccount' }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not allowed to keep the bank accounts'),
          '404': errorResponse('Not found or not visible'),
          '422': errorResponse('Invalid fields'),
        },
      },
      delete: {
        summary: 'Remove an account; the primary one only when it is the last (409)',
        security: secured,
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'accountId', in: 'path', required: true, schema: { type: 'integer' } },
        ],
        responses: {
          '204': { description: 'Removed' },
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not allowed to keep the bank accounts'),
          '404': errorResponse('Not found or not visible'),
          '409': errorResponse('The primary account while others exist'),
        },
      },
    },
    '/users/{id}': {
      get: {
        summary: 'A person and their roles (administrators and the organisation’s people managers)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The person', { $ref: '#/components/schemas/Person' }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Manages nobody’s people'),
          '404': errorResponse('Not a person of an organisation the reader manages'),
        },
      },
    },
    '/users/{id}/roles': {
      post: {
        summary:
          'Give a role in an organisation (only roles its kind allows; people managers never give programme-wide roles); audited, the person is told by email',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['organisationId', 'role'],
          properties: { organisationId: { type: 'integer' }, role: { type: 'string' } },
        }),
        responses: {
          '201': dataResponse('The person with the new role', {
            $ref: '#/components/schemas/Person',
          }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not allowed to give this role in this organisation'),
          '404': errorResponse('Not a person of an organisation the reader manages'),
          '409': errorResponse('The person already holds this role there'),
          '422': errorResponse('Invalid fields'),
        },
      },
    },
    '/users/{id}/roles/{membershipId}': {
      delete: {
        summary: 'Remove one role; the last active administrator keeps the admin role (409)',
        security: secured,
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'membershipId', in: 'path', required: true, schema: { type: 'integer' } },
        ],
        responses: {
          '200': dataResponse('The person without the role', {
            $ref: '#/components/schemas/Person',
          }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not allowed to remove this role'),
          '404': errorResponse('Not found or not managed by the reader'),
          '409': errorResponse('The last active administrator'),
        },
      },
    },
    '/licence-checks': {
      get: {
        summary:
          'The licence-coverage rule: is a service covered for an organisation over a period?',
        security: secured,
        parameters: [
          { name: 'organisationId', in: 'query', required: true, schema: { type: 'integer' } },
          {
            name: 'service',
            in: 'query',
            required: true,
            schema: { $ref: '#/components/schemas/LicenceService' },
          },
          { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
        ],
        responses: {
          '200': {
            description: 'Covered or not, with reasons',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    covered: { type: 'boolean' },
                    renewalPending: { type: 'boolean' },
                    reasons: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          code: {
                            enum: [
                              'NO_LICENCE',
                              'SERVICE_NOT_COVERED',
                              'EXPIRES_BEFORE_END',
                              'SUSPENDED',
                              'REVOKED',
                              'EXPIRED',
                            ],
                          },
                          message: { type: 'string' },
                          date: { type: 'string', format: 'date' },
                        },
                      },
                    },
                    licences: { type: 'array', items: { $ref: '#/components/schemas/Licence' } },
                  },
                },
              },
            },
          },
          '404': errorResponse('Organisation not found or not visible'),
          '422': errorResponse('Malformed query'),
        },
      },
    },
    '/organisations/{id}/licences': {
      get: {
        summary: "An organisation's licences",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The licences', {
            type: 'array',
            items: { $ref: '#/components/schemas/Licence' },
          }),
          '404': errorResponse('Not found or not visible'),
        },
      },
      post: {
        summary: 'Record a licence (MLSW officials)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['number', 'level', 'services', 'issuedOn'],
          properties: {
            number: { type: 'string' },
            shelterId: { type: 'integer' },
            level: { enum: ['basic', 'secondary', 'higher'] },
            services: { type: 'array', items: { $ref: '#/components/schemas/LicenceService' } },
            issuedOn: { type: 'string', format: 'date' },
            validUntil: {
              type: 'string',
              format: 'date',
              description: 'Default: three years from issue',
            },
          },
        }),
        responses: {
          '201': dataResponse('The licence', { $ref: '#/components/schemas/Licence' }),
          '403': errorResponse('Not an MLSW official'),
          '422': errorResponse('Invalid input'),
        },
      },
    },
    '/licences/{id}/decisions': {
      post: {
        summary: 'Suspend, revoke or reinstate a licence (MLSW officials)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['kind', 'effectiveOn', 'reason'],
          properties: {
            kind: { enum: ['suspended', 'revoked', 'reinstated'] },
            effectiveOn: { type: 'string', format: 'date' },
            reason: { type: 'string' },
          },
        }),
        responses: {
          '200': dataResponse('The licence', { $ref: '#/components/schemas/Licence' }),
          '403': errorResponse('Not an MLSW official'),
          '409': errorResponse('Not possible in the current state'),
          '422': errorResponse('Invalid input'),
        },
      },
    },
    '/licences/{id}/renewal': {
      post: {
        summary: 'Record a renewal request: the licence shows renewal pending (MLSW officials)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['requestedOn'],
          properties: { requestedOn: { type: 'string', format: 'date' } },
        }),
        responses: {
          '201': dataResponse('The licence', { $ref: '#/components/schemas/Licence' }),
          '403': errorResponse('Not an MLSW official'),
          '409': errorResponse('A renewal is already pending, or the licence is revoked'),
        },
      },
    },
    '/licences/{id}/renewal/grant': {
      post: {
        summary: 'Grant the pending renewal: a new licence linked to this one (MLSW officials)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['number', 'issuedOn'],
          properties: {
            number: { type: 'string' },
            level: { enum: ['basic', 'secondary', 'higher'] },
            services: { type: 'array', items: { $ref: '#/components/schemas/LicenceService' } },
            issuedOn: { type: 'string', format: 'date' },
            validUntil: { type: 'string', format: 'date' },
          },
        }),
        responses: {
          '201': dataResponse('The new licence', { $ref: '#/components/schemas/Licence' }),
          '403': errorResponse('Not an MLSW official'),
          '409': errorResponse('No renewal is pending'),
        },
      },
    },
    '/licences/{id}/renewal/refusal': {
      post: {
        summary: 'Refuse the pending renewal (MLSW officials)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['decidedOn', 'reason'],
          properties: { decidedOn: { type: 'string', format: 'date' }, reason: { type: 'string' } },
        }),
        responses: {
          '200': dataResponse('The licence', { $ref: '#/components/schemas/Licence' }),
          '403': errorResponse('Not an MLSW official'),
          '409': errorResponse('No renewal is pending'),
        },
      },
    },
    '/shelters': {
      get: {
        summary: 'Shelters the user may see (never with addresses)',
        security: secured,
        responses: {
          '200': dataResponse('The shelters', {
            type: 'array',
            items: { $ref: '#/components/schemas/Shelter' },
          }),
        },
      },
    },
    '/shelters/{id}': {
      get: {
        summary:
          'One shelter; the confidential address only for its organisation and MLSW officials',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The shelter', { $ref: '#/components/schemas/Shelter' }),
          '404': errorResponse('Not found or not visible'),
        },
      },
    },
    // EU visibility on the grant's documents
    '/grants/{id}/visibility': {
      put: {
        summary:
          "Mark the grant's documents confidential (no EU emblem; they would reveal a shelter) or back to the EU visibility mark. The funder's grant manager decides (audited)",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['confidential'],
          properties: {
            confidential: { type: 'boolean' },
            reason: {
              type: 'string',
              minLength: 5,
              maxLength: 500,
              description: 'Required when confidential',
            },
          },
        }),
        responses: {
          '200': dataResponse('The visibility', {
            $ref: '#/components/schemas/DocumentVisibility',
          }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse("Not the funder's grant manager"),
          '404': errorResponse('Not found or not visible'),
          '422': errorResponse('Invalid input (a confidential mark needs a reason)'),
        },
      },
    },
    // Grant forecasts per reporting period
    '/grants/{id}/forecasts': {
      get: {
        summary:
          "The grantee's forecast per reporting period (excluding contingency) and the forecasts the schedule uses: the entered ones, or the budget spread by days when none fit",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The forecasts', { $ref: '#/components/schemas/GrantForecasts' }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not a party to the grant'),
          '404': errorResponse('Not found or not visible'),
        },
      },
      put: {
        summary:
          'Replace the forecasts: one per reporting period, adding up exactly to TEC − C. Locked once the grant is signed, except for the funder grant manager (audited)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['forecasts'],
          properties: {
            forecasts: {
              type: 'array',
              items: {
                type: 'object',
                required: ['periodNumber', 'forecastCents'],
                properties: {
                  periodNumber: { type: 'integer', minimum: 1 },
                  forecastCents: { type: 'integer', minimum: 0 },
                },
              },
            },
          },
        }),
        responses: {
          '200': dataResponse('The forecasts', { $ref: '#/components/schemas/GrantForecasts' }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse(
            "Not the grantee's applicant or grant manager, nor the funder's grant manager"
          ),
          '404': errorResponse('Not found or not visible'),
          '409': errorResponse(
            "The grant is signed and the user is not the funder's grant manager"
          ),
          '422': errorResponse(
            'Malformed input, not one forecast per period (E_FORECASTS_WRONG_PERIOD_COUNT) or a sum other than TEC − C (E_FORECASTS_SUM_NOT_BUDGET, with the difference in cents)'
          ),
        },
      },
    },
    // Budget changes
    '/grants/{id}/budget-changes': {
      post: {
        summary:
          'Propose a new budget for a running grant (DOMAIN-RULES §5): classified per heading as a notification (applied at once) or an addendum request (needs the funder); F never rises',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['justification', 'lines'],
          properties: {
            justification: { type: 'string' },
            effectiveOn: {
              type: 'string',
              format: 'date',
              description:
                'Default: today for a notification, today + 30 days (Kosovo time) for an addendum, its earliest allowed date',
            },
            lines: {
              type: 'array',
              description: 'Every line of the new budget, as in POST /budget-checks',
              items: {
                type: 'object',
                required: ['heading', 'label', 'unit', 'quantity', 'unitCostCents'],
                properties: {
                  heading: { type: 'string' },
                  label: { type: 'string' },
                  unit: { type: 'string' },
                  quantity: { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' },
                  unitCostCents: { type: 'integer', minimum: 0 },
                  thirdParty: { type: ['string', 'null'] },
                  lineKey: {
                    type: 'string',
                    description:
                      'Stable key of the current budget line this line continues; omitted for a new line (else matched by heading, label and third party)',
                  },
                },
              },
            },
          },
        }),
        responses: {
          '201': dataResponse('The change', { $ref: '#/components/schemas/BudgetChange' }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse("Not the grantee's applicant or grant manager"),
          '404': errorResponse('Not found or not visible'),
          '409': errorResponse(
            'Grant not running, an addendum pending, nothing changed, a budget rule broken, or an addendum taking effect in under 30 days; codes E_CONTINGENCY_RELEASE_NEEDED (money out of the contingency), E_FUNDER_BELOW_PAID (F below paid less recovered), E_ADDENDUM_PENDING, E_SAME_BUDGET, E_BUDGET_RULES, E_ADDENDUM_NOTICE, E_AFTER_GRANT_END, E_GRANT_NOT_RUNNING'
          ),
          '422': errorResponse(
            'Malformed input, naming the field; E_UNKNOWN_LINE_KEY or E_DUPLICATE_LINE_KEY'
          ),
        },
      },
    },
    '/grants/{id}/budget-change-previews': {
      post: {
        summary:
          'Classify a proposed budget without storing it: notification or addendum (addendumReasons: HEADING_OVER_FLEXIBILITY, TEC_CHANGED, CONTINGENCY_GROWS), or the refusal {code, message}; same body as POST /grants/{id}/budget-changes',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({ type: 'object', required: ['justification', 'lines'] }),
        responses: {
          '200': dataResponse('The classification', { type: 'object' }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse("Not the grantee's applicant or grant manager"),
          '404': errorResponse('Not found or not visible'),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/budget-changes/{id}': {
      get: {
        summary: 'One budget change with its analysis per heading',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The change', { $ref: '#/components/schemas/BudgetChange' }),
          '401': errorResponse('Not authenticated'),
          '404': errorResponse('Not found or not visible'),
        },
      },
    },
    // Contingency releases
    '/grants/{id}/contingency-releases': {
      get: {
        summary:
          'The contingency reserve C of a grant, Σ approved and pending releases, what remains, and every release (DOMAIN-RULES §3)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The reserve and its releases', {
            type: 'object',
            properties: {
              grantId: { type: 'integer' },
              reserveCents: { type: 'integer' },
              releasedCents: { type: 'integer' },
              pendingCents: { type: 'integer' },
              remainingCents: { type: 'integer' },
              releases: { type: 'array', items: contingencyReleaseSchema },
            },
          }),
          '401': errorResponse('Not authenticated'),
          '404': errorResponse('Not found or not visible'),
        },
      },
      post: {
        summary:
          'Request in writing to move an amount from the contingency reserve to a heading; the funder decides. TEC, F and the share never change',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['heading', 'amountCents', 'justification'],
          properties: {
            heading: { enum: releaseHeadingNames },
            amountCents: { type: 'integer', minimum: 1 },
            justification: { type: 'string', maxLength: 5000 },
          },
        }),
        responses: {
          '201': dataResponse('The release, requested', contingencyReleaseSchema),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse("Not the grantee's applicant or grant manager"),
          '404': errorResponse('Not found or not visible'),
          '409': errorResponse(
            'Grant not running, no reserve, or the amount above what the approved releases leave of C'
          ),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/contingency-releases/{id}/decision': {
      post: {
        summary:
          "The funder's grant manager approves or refuses a requested release, with a comment; never the person who requested it",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['decision', 'comment'],
          properties: {
            decision: { enum: ['approve', 'refuse'] },
            comment: { type: 'string', maxLength: 2000 },
          },
        }),
        responses: {
          '200': dataResponse('The release, decided', contingencyReleaseSchema),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse("Not the funder's grant manager, or the person who requested it"),
          '404': errorResponse('Not found or not visible'),
          '409': errorResponse(
            'Already decided, grant not running, or Σ approved releases would exceed C'
          ),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/budget-checks': {
      post: {
        summary: 'Check a budget against the PRAG rules (DOMAIN-RULES §3); nothing is stored',
        security: secured,
        requestBody: jsonBody({
          type: 'object',
          required: ['currency', 'lines'],
          properties: {
            currency: { type: 'string', minLength: 3, maxLength: 3 },
            maxFunderShareBp: { type: 'integer', default: 9500 },
            requestedFunderCents: { type: ['integer', 'null'] },
            conceptNoteFunderCents: { type: ['integer', 'null'] },
            minGrantCents: { type: 'integer' },
            maxGrantCents: { type: 'integer' },
            maxPerThirdPartyCents: { type: 'integer', default: 6000000 },
            lines: {
              type: 'array',
              items: {
                type: 'object',
                required: ['heading', 'label', 'unit', 'quantity', 'unitCostCents'],
                properties: {
                  heading: {
                    enum: [
                      'human_resources',
                      'travel',
                      'equipment_supplies',
                      'local_office',
                      'other_costs_services',
                      'other',
                      'indirect',
                      'contingency',
                    ],
                  },
                  label: { type: 'string' },
                  unit: { type: 'string' },
                  quantity: { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' },
                  unitCostCents: { type: 'integer', minimum: 0 },
                  thirdParty: { type: ['string', 'null'] },
                },
              },
            },
          },
        }),
        responses: {
          '200': {
            description: 'Totals, headings and violations',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    directCents: { type: 'integer' },
                    indirectCents: { type: 'integer' },
                    contingencyCents: { type: 'integer' },
                    totalEligibleCents: { type: 'integer' },
                    maxFunderCents: { type: 'integer' },
                    funderCents: { type: 'integer' },
                    cofinancingCents: { type: 'integer' },
                    headings: { type: 'object', additionalProperties: { type: 'integer' } },
                    violations: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          code: {
                            enum: [
                              'INDIRECT_OVER_CAP',
                              'CONTINGENCY_OVER_CAP',
                              'FUNDER_OVER_MAX_SHARE',
                              'COFINANCING_BELOW_MIN',
                              'THIRD_PARTY_OVER_CAP',
                              'BELOW_MIN_GRANT',
                              'ABOVE_MAX_GRANT',
                              'REQUEST_CHANGED_OVER_LIMIT',
                            ],
                          },
                          message: { type: 'string' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          '401': errorResponse('Not authenticated'),
          '422': errorResponse('Malformed budget, naming the field'),
        },
      },
    },
    '/calls': {
      get: {
        summary:
          'Calls for proposals the user may see (published ones, and drafts of their own funder)',
        security: secured,
        responses: {
          '200': dataResponse('The calls', { type: 'array', items: { type: 'object' } }),
        },
      },
    },
    '/calls/{id}': {
      get: {
        summary: 'One call, with its evaluation grids',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The call', { type: 'object' }),
          '404': errorResponse('Not found or not visible'),
        },
      },
    },
    '/applications/{id}': {
      get: {
        summary:
          "One application: for the applicant NGO, the funder's grant managers and assessors who signed the declaration. `logframeScore` is the average of the full-application grid's logframe criteria over the submitted sheets (null when the call's grid has none)",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The application', { type: 'object' }),
          '404': errorResponse('Not found or not visible'),
        },
      },
    },
    '/applications/{id}/reopening': {
      post: {
        summary:
          "Reopens a withdrawn concept note as a draft while the call is published and before its concept-note deadline (the applicant NGO's people; audited)",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The application, now a draft', { type: 'object' }),
          '403': errorResponse('Not one of the applicant NGO'),
          '404': errorResponse('Not found or not visible'),
          '409': errorResponse('Not withdrawn, or the deadline has passed (quoted in Kosovo time)'),
        },
      },
    },
    '/applications/{id}/full-submission': {
      post: {
        summary:
          "Submits a shortlisted applicant's full application as saved, before the full-application deadline (the applicant NGO's people; audited)",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The application, now submitted', { type: 'object' }),
          '403': errorResponse('Not one of the applicant NGO'),
          '404': errorResponse('Not found or not visible'),
          '409': errorResponse(
            'Not shortlisted, past the deadline, fields missing, budget or co-financing rules broken, or the logframe lacks an objective, a result with an indicator (baseline and target) or an activity under a result (E_LOGFRAME_OBJECTIVE, E_LOGFRAME_RESULT_INDICATOR, E_LOGFRAME_ACTIVITY with the result in `field`)'
          ),
        },
      },
    },
    // Call implementation rules and co-financing sources (DOMAIN-RULES §3)
    '/calls/{id}/implementation-rules': {
      put: {
        summary:
          "Sets a draft call's implementation period limits in months and whether it accepts in-kind co-financing (the funder's grant managers)",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['minDurationMonths', 'maxDurationMonths', 'allowsInKind'],
          properties: {
            minDurationMonths: { type: 'integer', minimum: 1, maximum: 120 },
            maxDurationMonths: { type: 'integer', minimum: 1, maximum: 120 },
            allowsInKind: { type: 'boolean' },
          },
        }),
        responses: {
          '200': dataResponse('The call, with minDurationMonths, maxDurationMonths, allowsInKind', {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              minDurationMonths: { type: 'integer' },
              maxDurationMonths: { type: 'integer' },
              allowsInKind: { type: 'boolean' },
            },
          }),
          '403': errorResponse('Not a grant manager of the call’s funder'),
          '404': errorResponse('Not found or not visible'),
          '409': errorResponse(
            'The call is not a draft, or the maximum is below the minimum (field maxDurationMonths)'
          ),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/applications/{id}/cofinancing-sources': {
      get: {
        summary: "A full application's co-financing sources (who may see the application)",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The sources, in order', {
            type: 'array',
            items: { $ref: '#/components/schemas/CofinancingSource' },
          }),
          '404': errorResponse('Not found or not visible'),
        },
      },
      put: {
        summary:
          "Replaces a shortlisted full application's co-financing sources (the applicant NGO); at submission they must add up to TEC − F",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['sources'],
          properties: {
            sources: {
              type: 'array',
              maxItems: 20,
              items: {
                type: 'object',
                required: ['kind', 'source', 'amountCents'],
                properties: {
                  kind: { $ref: '#/components/schemas/CofinancingKind' },
                  source: { type: 'string', minLength: 1, maxLength: 200 },
                  amountCents: { type: 'integer', minimum: 0 },
                },
              },
            },
          },
        }),
        responses: {
          '200': dataResponse('The sources as stored', {
            type: 'array',
            items: { $ref: '#/components/schemas/CofinancingSource' },
          }),
          '403': errorResponse('Not an applicant of the organisation'),
          '404': errorResponse('Not found or not visible'),
          '409': errorResponse(
            'Not editable, or in kind where the call does not accept it (field cofinancing)'
          ),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/grants': {
      get: {
        summary: 'Grants and sub-grants the caller may see (50 per page)',
        security: secured,
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string' } },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': dataResponse('Grants', {
            type: 'array',
            items: { $ref: '#/components/schemas/Grant' },
          }),
          '401': errorResponse('Not authenticated'),
        },
      },
    },
    '/grants/{id}': {
      get: {
        summary:
          'A grant with its budget, payment schedule (planned and paid), next tranche, settlement, reports, payment requests, payments, recovery orders, ledger totals and, for a lead grant, its FSTP line',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The grant', { $ref: '#/components/schemas/Grant' }),
          '401': errorResponse('Not authenticated'),
          '404': errorResponse('No such grant visible to the caller'),
        },
      },
    },
    '/grants/{id}/payment-requests': {
      post: {
        summary:
          'Step 1 of 4, by the grantee (applicant or grant manager of the grantee): request the next tranche; the conditions are checked and recorded, and the request is held when a licence or a recovery order holds it',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '201': dataResponse('The request', { $ref: '#/components/schemas/PaymentRequest' }),
          '403': errorResponse('Not a person of the grantee'),
          '404': errorResponse('No such grant visible to the caller'),
          '409': errorResponse('A condition refuses the request, or a request is still open'),
        },
      },
    },
    '/payment-requests/{id}': {
      get: {
        summary: 'A payment request with its conditions and payment',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The request', { $ref: '#/components/schemas/PaymentRequest' }),
          '404': errorResponse('No such request visible to the caller'),
        },
      },
    },
    '/payment-requests/{id}/verification': {
      post: {
        summary:
          'Step 2 of 4, by a finance officer of the funder who did not request it: verify; amountCents below the payable amount needs a reason',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          properties: {
            amountCents: { type: 'integer', minimum: 0 },
            reason: { type: 'string' },
          },
        }),
        responses: {
          '200': dataResponse('The verified request', {
            $ref: '#/components/schemas/PaymentRequest',
          }),
          '403': errorResponse('Not a finance officer of the funder'),
          '409': errorResponse(
            'Not awaiting verification, or a condition refuses it; E_SEGREGATION_OF_DUTIES when the caller requested it'
          ),
          '422': errorResponse('Malformed input'),
        },
      },
    },
    '/payment-requests/{id}/approval': {
      post: {
        summary:
          'Step 3 of 4, by a grant manager of the funder who neither requested nor verified it: approve',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The approved request', {
            $ref: '#/components/schemas/PaymentRequest',
          }),
          '403': errorResponse('Not a grant manager of the funder'),
          '409': errorResponse(
            'Not verified, or held (E_TRANCHE_HELD); E_SEGREGATION_OF_DUTIES when the caller requested or verified it'
          ),
        },
      },
    },
    '/payment-requests/{id}/return': {
      post: {
        summary: 'Send the request back to the grantee with comments',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['comment'],
          properties: { comment: { type: 'string', minLength: 3 } },
        }),
        responses: {
          '200': dataResponse('The returned request', {
            $ref: '#/components/schemas/PaymentRequest',
          }),
          '403': errorResponse('Not a finance officer or grant manager of the funder'),
          '409': errorResponse('Already approved or paid'),
          '422': errorResponse('Malformed input'),
        },
      },
    },
    '/payment-requests/{id}/payments': {
      post: {
        summary:
          'Step 4 of 4, by a finance officer of the funder who neither requested, verified nor approved it: record the payment of an approved request, exactly once. The same Idempotency-Key with the same body (compared as canonical JSON) returns the same payment (200); the same key with another body, or a key already used for another request, is refused (422 E_IDEMPOTENCY_KEY_REUSED); any other attempt on a paid request is a 409',
        security: secured,
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            schema: { type: 'string', minLength: 8, maxLength: 120 },
          },
        ],
        requestBody: jsonBody({
          type: 'object',
          required: ['valueDate', 'bankReference'],
          properties: {
            valueDate: { type: 'string', format: 'date' },
            bankReference: { type: 'string', minLength: 3, maxLength: 80 },
          },
        }),
        responses: {
          '201': dataResponse('The payment', { $ref: '#/components/schemas/Payment' }),
          '200': dataResponse('The payment this key and body already recorded', {
            $ref: '#/components/schemas/Payment',
          }),
          '403': errorResponse('Not a finance officer of the funder'),
          '409': errorResponse(
            'Already paid with another key, not approved, or held; E_SEGREGATION_OF_DUTIES when the caller requested, verified or approved it'
          ),
          '422': errorResponse(
            'Malformed input or missing Idempotency-Key; E_IDEMPOTENCY_KEY_REUSED when the key was sent with another body or for another request'
          ),
        },
      },
    },
    '/grants/{id}/expense-reports': {
      post: {
        summary:
          'Open the expense report of a reporting period (the grantee); the existing one if it is there',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['periodNumber'],
          properties: { periodNumber: { type: 'integer', minimum: 1 } },
        }),
        responses: {
          '201': dataResponse('The report', { $ref: '#/components/schemas/ExpenseReport' }),
          '403': errorResponse('Not allowed for the caller'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('Not in a state that allows it'),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/expense-reports/{id}': {
      get: {
        summary:
          'An expense report with its lines, flags, totals per heading and standard, budget against actual, cost per bed-day, compliance and statistics (suppressed for the caller when outside the shelter)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The report', { $ref: '#/components/schemas/ExpenseReport' }),
          '404': errorResponse('Not visible to the caller'),
        },
      },
    },
    '/expense-reports/{id}/lines': {
      post: {
        summary:
          'Add an expense line (amountCents in its currency; another currency is converted at the InforEuro rate of the month, exchangeRate is the rate the grantee used)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: [
            'spentOn',
            'supplier',
            'description',
            'budgetLineId',
            'standard',
            'amountCents',
          ],
          properties: {
            spentOn: { type: 'string', format: 'date' },
            supplier: { type: 'string' },
            description: { type: 'string' },
            budgetLineId: { type: 'integer' },
            standard: { type: 'string' },
            amountCents: { type: 'integer', minimum: 1 },
            currency: { type: 'string' },
            exchangeRate: { type: 'string' },
            rateSource: { type: 'string' },
            vat: { type: 'string' },
            receiptNumber: { type: 'string' },
            supplierCountry: { type: 'string', description: 'ISO 3166 alpha-2; default XK' },
          },
        }),
        responses: {
          '201': dataResponse('The line with its flags', {
            $ref: '#/components/schemas/ExpenseLine',
          }),
          '403': errorResponse('Not allowed for the caller'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('Not in a state that allows it'),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/expense-reports/{id}/imports': {
      post: {
        summary:
          'Import lines from a CSV or XLSX file (at most 10 MB, 50 000 lines, 64 columns): the file is read and validated, then 202 while the lines are saved (poll GET /expense-imports/{id}); 422 with every row error, over a cap or for a ZIP bomb, nothing saved',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: { file: { type: 'string', format: 'binary' } },
              },
            },
          },
        },
        responses: {
          '202': dataResponse('The import, running', {
            $ref: '#/components/schemas/ExpenseImport',
          }),
          '403': errorResponse('Not allowed for the caller'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('Not in a state that allows it'),
          '422': errorResponse(
            'Row errors (each with row and field), over a cap, a ZIP bomb, or no file'
          ),
        },
      },
    },
    '/expense-imports/{id}': {
      get: {
        summary: 'The progress and result of an import',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The import', { $ref: '#/components/schemas/ExpenseImport' }),
          '404': errorResponse('Not visible to the caller'),
        },
      },
    },
    '/expense-imports/{id}/retry': {
      post: {
        summary:
          'Retry a failed or interrupted import with its kept file (202); poll GET /expense-imports/{id}',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '202': dataResponse('The import, queued', { $ref: '#/components/schemas/ExpenseImport' }),
          '403': errorResponse('Not allowed for the caller'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('Neither failed nor interrupted, or the report is with the funder'),
        },
      },
    },
    '/expense-reports/{id}/submission': {
      post: {
        summary: 'Submit (or resubmit) the report to the funder',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The report', { $ref: '#/components/schemas/ExpenseReport' }),
          '403': errorResponse('Not allowed for the caller'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('Not in a state that allows it'),
        },
      },
    },
    '/expense-lines/{id}/admission': {
      post: {
        summary:
          "The finance officer's admitted amount for a line: 0 … claimed, with a reason when less",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['admittedCents'],
          properties: {
            admittedCents: { type: 'integer', minimum: 0 },
            reason: { type: 'string' },
          },
        }),
        responses: {
          '200': dataResponse('The line', { $ref: '#/components/schemas/ExpenseLine' }),
          '403': errorResponse('Not allowed for the caller'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('Not in a state that allows it'),
          '422': errorResponse('More than claimed, or malformed'),
        },
      },
    },
    '/expense-reports/{id}/admissions': {
      post: {
        summary:
          'Admit several lines of the report by one rule (as claimed, or 0 with a reason), all or none; each line is recorded as if admitted alone',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['scope', 'rule'],
          properties: {
            scope: { type: 'string', enum: ['selected', 'flagged', 'unflagged'] },
            lineIds: {
              type: 'array',
              items: { type: 'integer', minimum: 1 },
              description: 'The lines, when scope is "selected"',
            },
            rule: { type: 'string', enum: ['claimed', 'zero'] },
            reason: { type: 'string', description: 'Required when rule is "zero"' },
          },
        }),
        responses: {
          '200': dataResponse('The admitted lines', {
            type: 'array',
            items: { $ref: '#/components/schemas/ExpenseLine' },
          }),
          '403': errorResponse('Not allowed for the caller'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('Not in a state that allows it'),
          '422': errorResponse(
            'E_REASON_REQUIRED, E_NO_LINES, E_UNKNOWN_LINES (a line of another report), or malformed'
          ),
        },
      },
    },
    '/expense-reports/{id}/acceptance': {
      post: {
        summary: 'Admit in full every undecided line without flags',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('How many lines were accepted', {
            type: 'object',
            properties: { accepted: { type: 'integer' } },
          }),
          '403': errorResponse('Not allowed for the caller'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('Not in a state that allows it'),
        },
      },
    },
    '/expense-reports/{id}/approval': {
      post: {
        summary:
          'Approve the report once every line has an admitted amount, by a finance officer of the funder who admitted none of its lines',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The report', { $ref: '#/components/schemas/ExpenseReport' }),
          '403': errorResponse('Not allowed for the caller'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse(
            'Not in a state that allows it; E_SEGREGATION_OF_DUTIES when the caller admitted a line of it'
          ),
        },
      },
    },
    '/expense-reports/{id}/return': {
      post: {
        summary: 'Return the report for revision with a comment',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['comment'],
          properties: { comment: { type: 'string', minLength: 3 } },
        }),
        responses: {
          '200': dataResponse('The report', { $ref: '#/components/schemas/ExpenseReport' }),
          '403': errorResponse('Not allowed for the caller'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('Not in a state that allows it'),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/expense-reports/{id}/statistics': {
      post: {
        summary:
          "Replace a shelter report's service statistics (aggregates only, never a person): counts per measure, sex, age band and origin (combinations left out are 0), and referrals by source; while the report is a draft or returned",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['counts'],
          properties: {
            counts: {
              type: 'array',
              maxItems: 56,
              description: 'Each combination of measure, sex, ageBand and origin at most once',
              items: {
                type: 'object',
                required: ['measure', 'sex', 'ageBand', 'origin', 'count'],
                properties: {
                  measure: {
                    enum: [
                      'admissions',
                      'exits_reintegrated',
                      'exits_returned',
                      'exits_transferred',
                      'exits_left',
                      'bed_days',
                      'residents_end',
                    ],
                  },
                  sex: { enum: ['female', 'male'] },
                  ageBand: { enum: ['under_18', 'adult'] },
                  origin: { enum: ['domestic', 'foreign'] },
                  count: { type: 'integer', minimum: 0 },
                },
              },
            },
            referrals: {
              type: 'array',
              items: {
                type: 'object',
                required: ['source', 'count'],
                properties: {
                  source: {
                    enum: [
                      'police',
                      'labour_inspectorate',
                      'social_services',
                      'ngo',
                      'embassy',
                      'self',
                      'other',
                    ],
                  },
                  count: { type: 'integer', minimum: 0 },
                },
              },
            },
            totals: {
              type: 'object',
              description:
                'Optional totals per measure; each must be the sum of its cells (422 naming totals.<measure>)',
              additionalProperties: { type: 'integer', minimum: 0 },
            },
          },
        }),
        responses: {
          '200': dataResponse(
            'The service side of the report as the caller sees it: statistics (each count with its display text, "<5" or "x" when hidden), bed-days, cost per bed-day and compliance',
            { type: 'object' }
          ),
          '403': errorResponse('Not the grantee'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('Not a shelter report, or the report is with the funder'),
          '422': errorResponse(
            'A negative, fractional or repeated count, a total that is not the sum of its cells, or residents at the end that break the stock-flow identity with the period before or after (residents_end.<sex>.<origin>), naming the field'
          ),
        },
      },
    },
    '/expense-reports/{id}/compliance': {
      post: {
        summary:
          "The grantee's self-assessment against minimum standards MS-01 … MS-10 (met, partly, not met; evidence; comment); the standards left out stay as they are",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['entries'],
          properties: {
            entries: {
              type: 'array',
              minItems: 1,
              maxItems: 10,
              items: {
                type: 'object',
                required: ['standard', 'level'],
                properties: {
                  standard: { type: 'string', pattern: '^MS-(0[1-9]|10)$' },
                  level: { enum: ['met', 'partly', 'not_met'] },
                  evidence: { type: 'string', maxLength: 2000 },
                  comment: { type: 'string', maxLength: 2000 },
                },
              },
            },
          },
        }),
        responses: {
          '200': dataResponse('The service side of the report', { type: 'object' }),
          '403': errorResponse('Not the grantee'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('The report is with the funder'),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/expense-reports/{id}/operating-cost': {
      put: {
        summary:
          'The grantee declares the shelter\'s total operating cost of the period from all sources (draft or returned report); declaring again clears the verification. Need "from reports" in the handover plan uses the verified figure of approved reports.',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['amountCents'],
          properties: {
            amountCents: { type: 'integer', minimum: 0, maximum: 9007199254740991 },
            note: { type: 'string', maxLength: 2000 },
          },
        }),
        responses: {
          '200': dataResponse('The declaration', { type: 'object' }),
          '403': errorResponse("Not one of the grantee's people"),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse('The report is not a draft or returned'),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/expense-reports/{id}/operating-cost/verification': {
      post: {
        summary:
          "The funder's finance officer verifies the declared total operating cost (a different figure needs a note) while the report is submitted or under verification",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['amountCents'],
          properties: {
            amountCents: { type: 'integer', minimum: 0, maximum: 9007199254740991 },
            note: { type: 'string', maxLength: 2000 },
          },
        }),
        responses: {
          '200': dataResponse('The verified declaration', { type: 'object' }),
          '403': errorResponse('Not a finance officer of the funder'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse(
            'Nothing declared, the report not under verification, or a different figure without a note'
          ),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    '/expense-reports/{id}/compliance-review': {
      post: {
        summary:
          "The funder's finance officer confirms or corrects the self-assessment of each standard given (a correction needs a comment); a submitted report moves under verification",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['entries'],
          properties: {
            entries: {
              type: 'array',
              minItems: 1,
              maxItems: 10,
              items: {
                type: 'object',
                required: ['standard', 'level'],
                properties: {
                  standard: { type: 'string', pattern: '^MS-(0[1-9]|10)$' },
                  level: { enum: ['met', 'partly', 'not_met'] },
                  comment: { type: 'string', maxLength: 2000 },
                },
              },
            },
          },
        }),
        responses: {
          '200': dataResponse('The service side of the report', { type: 'object' }),
          '403': errorResponse('Not a finance officer of the funder'),
          '404': errorResponse('Not visible to the caller'),
          '409': errorResponse(
            'Not submitted, a standard not self-assessed, or a correction without a comment'
          ),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    // Handover plan
    '/handover/national': {
      get: {
        summary:
          'The national handover plan of a year: totals (the sums of the shelters) and every open shelter, the riskiest first; MLSW officials and programme staff only',
        security: secured,
        parameters: [
          {
            name: 'year',
            in: 'query',
            required: false,
            schema: { type: 'integer' },
            description: 'A plan year; the current year by default',
          },
        ],
        responses: {
          '200': dataResponse('The plan of the year', {
            type: 'object',
            properties: {
              year: { type: 'integer' },
              years: { type: 'array', items: { type: 'integer' } },
              actionStartYear: { type: 'integer' },
              currency: { type: 'string' },
              totals: {
                type: 'object',
                properties: {
                  needCents: { type: 'integer' },
                  sheltersWithoutNeed: { type: 'integer' },
                  funding: { $ref: '#/components/schemas/HandoverFunding' },
                  committedCents: { type: 'integer' },
                  transferredCents: { type: 'integer' },
                  targetStateCents: { type: 'integer' },
                  gapCents: {
                    type: 'integer',
                    description: "Σ of the shelters' shortfalls; a surplus never offsets a gap",
                  },
                  surplusCents: { type: 'integer', description: "Σ of the shelters' surpluses" },
                  sheltersShort: { type: 'integer' },
                  sheltersInSurplus: { type: 'integer' },
                  stateShareBp: { type: ['integer', 'null'] },
                  flagged: { type: 'object', description: 'Shelters per flag' },
                },
              },
              shelters: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    name: { type: 'string' },
                    organisation: { type: 'object' },
                    municipalityCode: { type: 'string' },
                    beds: { type: 'integer' },
                    need: { $ref: '#/components/schemas/HandoverNeed' },
                    target: { $ref: '#/components/schemas/HandoverTarget' },
                    position: { $ref: '#/components/schemas/HandoverPosition' },
                  },
                },
              },
            },
          }),
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not MLSW or programme staff'),
          '422': errorResponse('Not a plan year'),
        },
      },
    },
    '/handover/shelters/{id}': {
      get: {
        summary:
          "One shelter's handover plan, every plan year, with the state's commitments and transfers (cancelled ones are left out, as from every figure); for its NGO and programme staff",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': dataResponse('The shelter plan', {
            type: 'object',
            properties: {
              shelter: { type: 'object' },
              actionStartYear: { type: 'integer' },
              donorEndsOn: { type: ['string', 'null'], format: 'date' },
              fullTargetBp: { type: ['integer', 'null'] },
              years: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    year: { type: 'integer' },
                    need: { $ref: '#/components/schemas/HandoverNeed' },
                    target: { $ref: '#/components/schemas/HandoverTarget' },
                    position: { $ref: '#/components/schemas/HandoverPosition' },
                  },
                },
              },
              commitments: { type: 'array', items: { type: 'object' } },
            },
          }),
          '401': errorResponse('Not authenticated'),
          '404': errorResponse('Not found or not visible'),
        },
      },
    },
    // InforEuro table and late costs accepted per budget line
    '/inforeuro-rates': {
      get: {
        summary: 'The InforEuro table: monthly rates, units of the currency per 1 EUR',
        security: secured,
        parameters: [
          { name: 'currency', in: 'query', schema: { type: 'string', pattern: '^[A-Z]{3}$' } },
          { name: 'month', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
        ],
        responses: {
          '200': dataResponse('The rates, newest month first', {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                currency: { type: 'string' },
                month: { type: 'string', description: 'YYYY-MM' },
                rate: { type: 'string', description: 'Exact decimal, e.g. 117.1956' },
                rateMicro: { type: 'integer', description: 'rate × 1 000 000' },
              },
            },
          }),
          '401': errorResponse('Not authenticated'),
        },
      },
    },
    '/inforeuro-rates/imports': {
      post: {
        summary:
          'Import rates from CSV (columns currency, month, rate); each month in the file replaces that month. Finance officers and admins',
        security: secured,
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: { file: { type: 'string', format: 'binary' } },
              },
            },
          },
        },
        responses: {
          '201': dataResponse('The months replaced', {
            type: 'object',
            properties: {
              months: { type: 'array', items: { type: 'string' } },
              rates: { type: 'integer' },
              reportsRefreshed: { type: 'integer' },
            },
          }),
          '403': errorResponse('Not a finance officer or admin'),
          '422': errorResponse('Every error with its line number; nothing saved'),
        },
      },
    },
    '/grant-budget-lines/{id}/late-cost-acceptance': {
      put: {
        summary:
          "The verifier accepts (or stops accepting) final audit, evaluation and report costs dated after the implementation period on this budget line; the funder's finance officers",
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: jsonBody({
          type: 'object',
          required: ['accepted'],
          properties: { accepted: { type: 'boolean' } },
        }),
        responses: {
          '200': dataResponse('The setting', {
            type: 'object',
            properties: {
              budgetLineId: { type: 'integer' },
              lateCostsAccepted: { type: 'boolean' },
            },
          }),
          '403': errorResponse('Not a finance officer of the funder'),
          '404': errorResponse('Not visible to the caller'),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
    // Programme settings and reference data
    '/settings': {
      get: {
        summary:
          'The programme settings in force on a date (default today, Kosovo), and every version with its date',
        security: secured,
        parameters: [{ name: 'date', in: 'query', schema: { type: 'string', format: 'date' } }],
        responses: {
          '200': dataResponse('The values in force and the versions', {
            type: 'object',
            properties: {
              date: { type: 'string', format: 'date' },
              values: programmeSettingsSchema,
              versions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    effectiveFrom: { type: 'string', format: 'date' },
                    createdById: { type: ['integer', 'null'] },
                    createdAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
            },
          }),
          '401': errorResponse('Not authenticated'),
          '422': errorResponse('Not a date'),
        },
      },
      put: {
        summary:
          'Schedule a new version of the programme settings from effectiveFrom (today at the earliest; a version not yet in force is replaced). Calls and grants made earlier keep their values. Admins',
        security: secured,
        requestBody: jsonBody({
          ...programmeSettingsSchema,
          required: ['effectiveFrom', ...programmeSettingsSchema.required],
          properties: {
            effectiveFrom: { type: 'string', format: 'date' },
            ...programmeSettingsSchema.properties,
          },
        }),
        responses: {
          '201': dataResponse('The version scheduled', settingsVersionSchema),
          '200': dataResponse(
            'A scheduled version of the same date, not yet in force, replaced',
            settingsVersionSchema
          ),
          '403': errorResponse('Not an admin, or a read-only token'),
          '422': errorResponse(
            'Malformed values, naming the field; or E_EFFECTIVE_IN_PAST, E_EFFECTIVE_TAKEN, E_ENDS_BEFORE_START, E_SHARE_SUM'
          ),
        },
      },
    },
    '/municipalities': {
      get: {
        summary: 'The municipalities (reference data), retired ones with their date',
        security: secured,
        responses: {
          '200': dataResponse('Every municipality', referenceListSchema),
          '401': errorResponse('Not authenticated'),
        },
      },
    },
    '/services': {
      get: {
        summary: 'The licensed social services (reference data), retired ones with their date',
        security: secured,
        responses: {
          '200': dataResponse('Every service', referenceListSchema),
          '401': errorResponse('Not authenticated'),
        },
      },
    },
    '/minimum-standards': {
      get: {
        summary:
          'The minimum standards in force on a date (default today, Kosovo) in three languages, and the dates of every version (ADR 0027)',
        security: secured,
        parameters: [{ name: 'on', in: 'query', schema: { type: 'string', format: 'date' } }],
        responses: {
          '200': dataResponse('The version in force and the version dates', {
            type: 'object',
            properties: {
              on: { type: 'string', format: 'date' },
              effectiveFrom: { type: ['string', 'null'], format: 'date' },
              standards: { type: 'array', items: { type: 'object' } },
              versions: { type: 'array', items: { type: 'string', format: 'date' } },
            },
          }),
          '401': errorResponse('Not authenticated'),
          '422': errorResponse('Not a date'),
        },
      },
    },
    '/minimum-standards/versions': {
      post: {
        summary:
          'Add a version of the minimum standards from effectiveFrom (today at the earliest), copied from the version in force then; reports whose period began earlier keep theirs. Admins',
        security: secured,
        requestBody: jsonBody({
          type: 'object',
          required: ['effectiveFrom'],
          properties: { effectiveFrom: { type: 'string', format: 'date' } },
        }),
        responses: {
          '201': dataResponse('The version added', { type: 'object' }),
          '403': errorResponse('Not an admin, or a read-only token'),
          '422': errorResponse('Not a date; or E_EFFECTIVE_IN_PAST, E_EFFECTIVE_TAKEN'),
        },
      },
    },
    '/tranche-calculations': {
      post: {
        summary:
          'The next tranche or the final settlement under the payment rules (DOMAIN-RULES §4); nothing is stored',
        security: secured,
        requestBody: jsonBody({
          type: 'object',
          required: [
            'funderCents',
            'totalEligibleCents',
            'forecastsCents',
            'paidCents',
            'acceptedCostsCents',
          ],
          properties: {
            funderCents: { type: 'integer', minimum: 0 },
            totalEligibleCents: { type: 'integer', minimum: 1 },
            prefinancingCapBp: { type: 'integer', default: 9000 },
            forecastsCents: {
              type: 'array',
              items: { type: 'integer', minimum: 0 },
              description: 'Forecast per reporting period, excluding contingency',
            },
            paidCents: {
              type: 'array',
              items: { type: 'integer', minimum: 0 },
              description: 'Pre-financing paid so far, in order',
            },
            acceptedCostsCents: {
              type: 'integer',
              minimum: 0,
              description: 'Cumulative accepted eligible costs',
            },
            final: { type: 'boolean' },
            paymentOption: {
              enum: ['option_1', 'option_2'],
              default: 'option_2',
              description: 'Option 1: one pre-financing of round(80 % × (TEC − C) × F / TEC)',
            },
            contingencyCents: {
              type: 'integer',
              minimum: 0,
              default: 0,
              description: 'C, the contingency reserve, never pre-financed',
            },
          },
        }),
        responses: {
          '200': {
            description:
              'The next tranche (kind initial_prefinancing, further_prefinancing, or none with a reason) or the final settlement',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    next: {
                      type: 'object',
                      properties: {
                        kind: { enum: ['initial_prefinancing', 'further_prefinancing', 'none'] },
                        period: { type: 'integer' },
                        scheduledCents: { type: 'integer' },
                        thresholdCents: { type: 'integer' },
                        fundedExpenditureCents: { type: 'integer' },
                        reductionCents: { type: 'integer' },
                        payableCents: { type: 'integer' },
                        reason: { enum: ['no_more_periods', 'cap_reached'] },
                      },
                    },
                    final: {
                      type: 'object',
                      properties: {
                        finalContributionCents: { type: 'integer' },
                        paidCents: { type: 'integer' },
                        balanceCents: { type: 'integer' },
                        recoveryCents: { type: 'integer' },
                      },
                    },
                  },
                },
              },
            },
          },
          '401': errorResponse('Not authenticated'),
          '422': errorResponse('Malformed input, naming the field'),
        },
      },
    },
  },
} as const
