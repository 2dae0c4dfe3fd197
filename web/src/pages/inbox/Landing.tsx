import { Navigate } from 'react-router';
import { useAuth } from '../../auth/auth-context';
import { HomeRedirect } from '../home/HomeRedirect';

/** Who reports is someone who enters data and does not manage plans: officers and heads of units. */
export function useIsReporter(): boolean {
  const { can } = useAuth();
  return can('data_values.enter') && !can('plans.manage');
}

/**
 * "/": officers and heads start from their work; leaders and the secretariat from the operations
 * dashboard; administrators and auditors, who keep the system rather than the plan, from the plan.
 */
export function Landing() {
  const reporter = useIsReporter();
  const { can } = useAuth();
  if (reporter) return <Navigate to="/viec-cua-toi" replace />;
  if (can('users.manage') || can('audit.read')) return <HomeRedirect />;
  return <Navigate to="/dieu-hanh" replace />;
}
