import { mergeConfig } from 'vitest/config';
import { packageProject } from '../../vitest.shared.ts';

/**
 * WebGPU tests run on whatever adapter the machine has; on CI that is Mesa's lavapipe, a CPU
 * driver. Dawn's Node binding polls for completion on the JavaScript thread, so several test files
 * with a device each starve lavapipe's workers: the files run one at a time, with generous limits.
 */
export default mergeConfig(packageProject('gpu'), { test: { fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000 } });
