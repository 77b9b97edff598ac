import { parentPort, workerData } from 'node:worker_threads';
import { forecastAreas, type WorkerInput } from './forecast.ts';

// A worker thread of runForecast: projects and backtests the areas it is given and posts the
// results back (see inWorker in forecast.ts).

const input = workerData as WorkerInput;
parentPort?.postMessage(await forecastAreas(input.histories, input.jumpOff, input.fittedTo, input.options));
