import { engineKind } from './engine/kind';
import * as pg from './schema.pg';
import * as sqlite from './schema.sqlite';

/**
 * The tables of this process's engine (db/engine/kind.ts), typed as the
 * SQLite ones: queries are written once with drizzle's builder and run on
 * either engine, because both schemas have the same names, columns and
 * value types (schema.pg.ts maps them; db/schema.test.ts compares the two
 * migrated databases). Only what SQL cannot say the same way on both is
 * written per engine (db/engine/dialect.ts).
 */
const chosen = (engineKind() === 'pg' ? pg : sqlite) as unknown as typeof sqlite;

export const {
  units,
  counters,
  procedureFields,
  questionSets,
  questionSetVersions,
  responses,
  answers,
  contacts,
  users,
  auditLog,
  signInAttempts,
  userSessions,
  throttleEvents,
  rollupScores,
  rollupResponses,
  rollupChoices,
  rollupFlags,
  rollupOfficeDays,
  rollupOfficeMonths,
  rollupOfficeHalves,
  rollupOfficeQuarters,
  rollupCounterMonths,
  rollupFlagMonths,
  rollupResponseMonths,
  rollupChoiceMonths,
  lowRatings,
  alertRules,
  alerts,
  commentThreads,
  lowRatingReviews,
  kiosks,
  kioskOutages,
  evaluationPeriods,
  evaluationSheets,
  evaluationScores,
  scheduledJobs,
  mailDeliveries,
  contactErasures,
  officials,
  officialPhotos,
  dutyTemplates,
  dutyShifts,
  rollupOfficialDays,
  rollupOfficialMonths,
  recognitionForms,
  recognitionRounds,
  nominations,
  integrations,
  dossiers,
  supervisorOrganisations,
  publications,
  publishedFigures,
  goodExamples,
  supervisionVisits,
  recommendations,
  integrityReports,
} = chosen;

export {
  CHANNELS,
  COMMENT_STATUSES,
  DOSSIER_SOURCES,
  DUTY_SOURCES,
  EVALUATION_STATUSES,
  INTEGRITY_FINDINGS,
  NOMINATION_STATUSES,
  ORGANISATION_KINDS,
  PUBLICATION_KINDS,
  RECOGNITION_KINDS,
  RECOGNITION_ROUND_STATUSES,
  RECOMMENDATION_STATUSES,
} from './schema.sqlite';
export type { DossierSource, IntegrityFinding, OrganisationKind, PublicationKind, RecommendationStatus } from './schema.sqlite';
export type { DutySource, NominationStatus, RecognitionKind, RecognitionRoundStatus } from './schema.sqlite';
export type { Channel, CommentStatus, Counter, EvaluationStatus, ResponseRow, Unit, UserRow } from './schema.sqlite';
