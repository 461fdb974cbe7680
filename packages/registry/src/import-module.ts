import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';

/**
 * Imports a module by package name or absolute path. The platform's own `import()` comes first, so
 * the module shares the application's instances of the packages it imports (a plugin's classes
 * and registries are the application's). jiti, resolving from `baseDir`, is the fallback for a
 * TypeScript file the running Node cannot load by itself, and for a package name that is
 * installed for `baseDir` but not visible from here.
 */
export async function importModule(specifier: string, baseDir: string): Promise<Record<string, unknown>> {
  const isPath = specifier.startsWith('/') || /^[A-Za-z]:[\\/]/.test(specifier);
  try {
    return (await import(/* @vite-ignore */ isPath ? pathToFileURL(specifier).href : specifier)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const fallback = code === 'ERR_UNKNOWN_FILE_EXTENSION' || (code === 'ERR_MODULE_NOT_FOUND' && !isPath);
    if (!fallback) throw error;
    const jiti = createJiti(pathToFileURL(`${baseDir}/index.js`).href, { interopDefault: false });
    return (await jiti.import(specifier)) as Record<string, unknown>;
  }
}
