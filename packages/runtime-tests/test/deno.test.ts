import { runRuntimeSuites } from '../src/runtime-suite';

runRuntimeSuites('deno');
