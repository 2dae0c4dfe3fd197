import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZUnitOverview,
  ZUnitOverviewParams,
  ZUnitOverviewQuery,
} from '../../../common/contracts/unit-overview';
import { problemResponses } from '../../http';
import { type Actor, authorize, type ResourceType } from '../../policy';
import { getUnitHeader } from './queries/unit-header';
import { getUnitIndicators } from './queries/unit-indicators';
import { getUnitReports } from './queries/unit-reports';
import { getUnitTasks } from './queries/unit-tasks';

const tags = ['dashboard'];

/**
 * The page shows the unit's tasks, reports and values: the caller must be able to read all three
 * for the unit (404 otherwise, as for any record of a unit outside one's scope). The org directory
 * alone (readable by everyone) is not enough.
 */
const UNIT_RECORDS: readonly ResourceType[] = ['plan_item', 'report', 'data_value'];

function authorizeUnit(actor: Actor, orgUnitId: string) {
  for (const type of UNIT_RECORDS) authorize(actor, 'read', { type, orgUnitIds: [orgUnitId] });
}

export const unitOverviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/dashboard/units/:orgUnitId',
    {
      schema: {
        tags,
        summary: 'Một đơn vị hoặc một xã: nhiệm vụ, báo cáo qua các đợt, chỉ tiêu và mức đạt',
        params: ZUnitOverviewParams,
        querystring: ZUnitOverviewQuery,
        response: { 200: ZUnitOverview, ...problemResponses },
      },
    },
    async (request) => {
      const { orgUnitId } = request.params;
      authorizeUnit(request.actor, orgUnitId);
      const today = app.clock.today();
      const unit = await getUnitHeader(db, orgUnitId);
      const [tasks, reports, indicators] = await Promise.all([
        getUnitTasks(db, orgUnitId, today),
        getUnitReports(db, { orgUnitId, today, rounds: request.query.rounds }),
        getUnitIndicators(db, orgUnitId, today),
      ]);
      return { unit, tasks, reports, indicators };
    },
  );
};
