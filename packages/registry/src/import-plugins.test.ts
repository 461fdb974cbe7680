import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPlugins } from './import-plugins';
import { createRegistries } from './root-registries';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

describe('importPlugins', () => {
  it('imports a TypeScript module and calls its register function', async () => {
    const registries = createRegistries();
    const loaded = await importPlugins(['./plugin-good.ts'], registries, { baseDir: fixtures });
    expect(loaded).toHaveLength(1);
    const head = registries.models.build({ type: 'MyHead', num_classes: 10 }) as { options: unknown };
    expect(head.options).toEqual({ num_classes: 10 });
  });

  it('names a module that exports no register function', async () => {
    await expect(
      importPlugins(['./plugin-without-register.mjs'], createRegistries(), { baseDir: fixtures }),
    ).rejects.toThrow('The plugin "./plugin-without-register.mjs" has no exported function "register(registries)"; exports: something.');
  });

  it('names a module that cannot be found or fails to load', async () => {
    await expect(importPlugins(['./missing.ts'], createRegistries(), { baseDir: fixtures })).rejects.toThrow(
      /Cannot import the plugin "\.\/missing\.ts"/,
    );
    await expect(importPlugins(['no-such-package-mmpt'], createRegistries(), { baseDir: fixtures })).rejects.toThrow(
      /Cannot import the plugin "no-such-package-mmpt"/,
    );
    await expect(importPlugins(['./plugin-broken.ts'], createRegistries(), { baseDir: fixtures })).rejects.toThrow(
      /this plugin fails while loading/,
    );
  });

  it('warns and goes on with allowFailedImports', async () => {
    const warnings: string[] = [];
    const registries = createRegistries();
    const loaded = await importPlugins(['./missing.ts', './plugin-good.ts'], registries, {
      baseDir: fixtures,
      allowFailedImports: true,
      warn: (message) => warnings.push(message),
    });
    expect(loaded).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Cannot import the plugin "\.\/missing\.ts"/);
    expect(registries.models.has('MyHead')).toBe(true);
  });
});
