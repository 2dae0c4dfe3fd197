import { z } from 'zod';
import { ZProblem } from '../common/problem';

/** Problem responses documented on every route (the error handler produces them). */
export const problemResponses = {
  400: ZProblem,
  404: ZProblem,
  409: ZProblem,
  422: ZProblem,
} as const;

export const ZIdParams = z.strictObject({ id: z.uuid() });
export const ZPlanIdParams = z.strictObject({ planId: z.uuid() });
