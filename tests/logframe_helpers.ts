import type { Logframe as LogframeDocument } from '#domain/narrative/logframe'
import Logframe from '#models/logframe'

/** A logframe with what a full application's submission needs: OO › SO1 › R1 › A1.1, I1 on R1. */
export function completeLogframe(): LogframeDocument {
  return {
    items: [
      { ref: 'OO', level: 'overall_objective', parent: null, text: 'Victims are protected' },
      { ref: 'SO1', level: 'specific_objective', parent: 'OO', text: 'Care to the standards' },
      { ref: 'R1', level: 'result', parent: 'SO1', text: 'Residents have assistance plans' },
      { ref: 'A1.1', level: 'activity', parent: 'R1', text: 'Case management sessions' },
    ],
    indicators: [
      {
        ref: 'I1',
        measures: 'R1',
        programmeIndicatorId: null,
        title: 'Plans completed',
        unit: 'plans',
        baseline: '0',
        target: '40',
        source: 'Case files (aggregate)',
        disaggregated: false,
      },
    ],
  }
}

/** Stores a logframe for the application as the builder would (version 1). */
export function giveLogframe(applicationId: number, content = completeLogframe()) {
  return Logframe.create({ applicationId, grantId: null, version: 1, content, updatedById: null })
}
