import { defineConfig } from 'tsup';

/** The build of every published package: ESM, declarations and source maps from `src/index.ts`. */
export function packageBuild() {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  });
}
