import { defineConfig } from 'tsup';

/**
 * The build of every published package: ESM, declarations and source maps from `src/index.ts`,
 * plus any extra entry points (`{ testing: 'src/testing/index.ts' }` builds `dist/testing.js`).
 */
export function packageBuild(extraEntries: Record<string, string> = {}) {
  return defineConfig({
    entry: { index: 'src/index.ts', ...extraEntries },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    external: ['vitest'],
  });
}
