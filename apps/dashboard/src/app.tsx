import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { SessionProvider } from './api/session.js';
import { Shell } from './layout/shell.js';
import { JobsPage } from './pages/jobs/jobs-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { BASE_PATH } from './paths.js';
import { SignInPage } from './session/sign-in-page.js';

// The jobs page ships in the first bundle; the others (and the chart library) load when first opened.
const JobPage = lazy(() => import('./pages/job/job-page.js').then((module) => module.JobPage));
const SubmitPage = lazy(() => import('./pages/submit/submit-page.js').then((module) => module.SubmitPage));
const OverviewPage = lazy(() => import('./pages/overview/overview-page.js').then((module) => module.OverviewPage));
const SchedulesPage = lazy(() => import('./pages/schedules/schedules-page.js').then((module) => module.SchedulesPage));
const SchedulePage = lazy(() => import('./pages/schedules/schedule-page.js').then((module) => module.SchedulePage));
const AdminPage = lazy(() => import('./pages/admin/admin-page.js').then((module) => module.AdminPage));

export function App() {
  return (
    <LocationProvider scope={BASE_PATH}>
      <SessionProvider signIn={(controls) => <SignInPage {...controls} />}>
        <Shell>
          <ErrorBoundary>
            <Router>
              <Route path={BASE_PATH} component={JobsPage} />
              <Route path={`${BASE_PATH}jobs/:id`} component={JobPage} />
              <Route path={`${BASE_PATH}submit`} component={SubmitPage} />
              <Route path={`${BASE_PATH}overview`} component={OverviewPage} />
              <Route path={`${BASE_PATH}schedules`} component={SchedulesPage} />
              <Route path={`${BASE_PATH}schedules/:id`} component={SchedulePage} />
              <Route path={`${BASE_PATH}admin`} component={AdminPage} />
              <Route default component={NotFoundPage} />
            </Router>
          </ErrorBoundary>
        </Shell>
      </SessionProvider>
    </LocationProvider>
  );
}
