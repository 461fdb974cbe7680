import { runConformanceSuite } from '../testing/index';
import { createCpuBackend } from './cpu-backend';

runConformanceSuite({ name: 'cpu', createBackend: () => createCpuBackend() });
