/**
 * `npm start`: build the web app when its sources are newer than the last build, then run the
 * server. Keeps the quick start to two commands without rebuilding on every start.
 */
import { ensureWebBuild, isWebBuildStale } from './web-build';

if (isWebBuildStale()) {
  console.log('Đang dựng giao diện web (vite build)…');
  try {
    ensureWebBuild();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

await import('../server/main');
