import { Navigate } from 'react-router';
import { useAuth } from '../../auth/auth-context';
import { HomeRedirect } from '../home/HomeRedirect';

/** Who reports is someone who enters data and does not manage plans: officers and heads of units. */
export function useIsReporter(): boolean {
  const { can } = useAuth();
  return can('data_values.enter') && !can('plans.manage');
}

/** "/": officers and heads start from their work; everyone else from the plan. */
export function Landing() {
  const reporter = useIsReporter();
  return reporter ? <Navigate to="/viec-cua-toi" replace /> : <HomeRedirect />;
}
