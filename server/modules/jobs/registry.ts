import { mailSendJob } from '../../mail/job';
import { notifyReportJob, remindReportsJob } from '../reports/reminders';
import { openDueRoundsJob } from '../rounds/schedules';
import type { JobDefinition } from './definitions';

/**
 * Every kind of job the app runs. A worker claims only the kinds listed here, so an instance
 * running older code leaves a newer kind to the instances that know it.
 */
export const jobDefinitions: readonly JobDefinition[] = [
  mailSendJob,
  notifyReportJob,
  remindReportsJob,
  openDueRoundsJob,
];
