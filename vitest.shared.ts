import { defineProject } from 'vitest/config';

/**
 * Tests run against the TypeScript sources of sibling packages: every package exports a
 * `@mmpt/source` condition that points at `src/index.ts`, and this project enables it.
 */
const conditions = ['@mmpt/source', 'module', 'node', 'development|production'];

export function packageProject(name: string) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@mmpt/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
    },
  });
}
