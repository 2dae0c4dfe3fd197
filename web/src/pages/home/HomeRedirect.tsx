import { Empty } from 'antd';
import { Navigate } from 'react-router';
import { useDefaultPlan } from '../../app/current-plan';
import { PageLoading, QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';

/** "/" opens the tree of the current active plan. */
export function HomeRedirect() {
  const t = useT();
  const { plan, isLoading, error, refetch } = useDefaultPlan();
  if (plan) return <Navigate to={`/plans/${plan.id}`} replace />;
  if (isLoading) return <PageLoading />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  return <Empty description={t.home.noPlans} style={{ marginTop: 64 }} />;
}
