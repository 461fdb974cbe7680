import { defineConfig } from 'vitest/config';

/** One vitest project per package and example; each has its own vitest.config.ts. */
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
