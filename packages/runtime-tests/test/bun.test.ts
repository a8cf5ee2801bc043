import { runRuntimeSuites } from '../src/runtime-suite';

runRuntimeSuites('bun');
