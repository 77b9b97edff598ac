import { parentPort, workerData } from 'node:worker_threads';
import { forecastAreas, type WorkerContext } from './forecast.ts';
import type { AreaHistory } from './model.ts';

// A worker thread of runForecast (see inWorker in forecast.ts): sent an LA's histories (with its
// localities') at a time, it projects and backtests them, in order, and posts each LA's results.

const context = workerData as WorkerContext;
let queue = Promise.resolve();
parentPort?.on('message', (histories: AreaHistory[]) => {
  queue = queue
    .then(() => forecastAreas(histories, context.jumpOff, context.fittedTo, context.options))
    .then((results) => parentPort?.postMessage(results));
});
