/**
 * Makes `work_dirs/device/`, everything a GPU machine without node_modules needs for the checks:
 * gpu-checks.mjs (scripts/device/gpu-checks.ts bundled into one ES module; vitest replaced by
 * ./vitest-shim.ts, sharp — image decoding, which the checks never use — by a module that throws
 * when called), the `webgpu` package (Dawn, its addon compressed), this Node binary compressed,
 * Debian's Vulkan loader package, run-gpu-checks.sh and torch-reference.py. About 35 MB.
 *
 * Usage: `pnpm device:build` (then see README.md here for the run).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const target = join(root, 'work_dirs', 'device');
mkdirSync(target, { recursive: true });

const sharpStandIn = join(target, 'sharp-stand-in.mjs');
writeFileSync(sharpStandIn, "export default function sharp() { throw new Error('sharp is not part of the GPU check bundle'); }\n");

await build({
  entryPoints: [join(here, 'gpu-checks.ts')],
  outfile: join(target, 'gpu-checks.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@mmpt/source'],
  external: ['webgpu'],
  alias: { vitest: join(here, 'vitest-shim.ts'), sharp: sharpStandIn },
  // Bundled CommonJS dependencies may call require(): give the module one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // The test files register their tests on import, which the packages' "sideEffects": false would drop.
  ignoreAnnotations: true,
  logLevel: 'warning',
});
for (const file of ['run-gpu-checks.sh', 'torch-reference.py']) copyFileSync(join(here, file), join(target, file));

// Dawn: the package's loader and the Linux x64 addon, compressed (xz -d on the other side).
const webgpu = dirname(createRequire(join(root, 'packages', 'gpu', 'package.json')).resolve('webgpu/package.json'));
const dawnTarget = join(target, 'node_modules', 'webgpu');
mkdirSync(join(dawnTarget, 'dist', 'linux-x64'), { recursive: true });
for (const file of ['index.js', 'package.json']) copyFileSync(join(webgpu, file), join(dawnTarget, file));
const compress = (from: string, to: string) => {
  if (!existsSync(to)) execFileSync('sh', ['-c', `xz -6 -T2 -c "${from}" > "${to}"`]);
};
compress(join(webgpu, 'dist', 'linux-x64', 'dawn.node'), join(dawnTarget, 'dist', 'linux-x64', 'dawn.node.xz'));
// This Node, for a machine without one (the run script prefers the machine's own Node 20+).
compress(process.execPath, join(target, 'node.xz'));
// What an earlier local run unpacked would travel too: remove it.
rmSync(join(dawnTarget, 'dist', 'linux-x64', 'dawn.node'), { force: true });
rmSync(join(target, 'node'), { force: true });
rmSync(join(target, 'out'), { recursive: true, force: true });
// The Vulkan loader and the GL dispatch libraries the NVIDIA driver's Vulkan ICD needs, for a
// machine without them (needs apt's package lists; skipped with a warning if that fails).
const debs = join(target, 'gl');
mkdirSync(debs, { recursive: true });
const packages = ['libvulkan1', 'libglvnd0', 'libglx0', 'libgl1', 'libegl1', 'libgles2', 'libopengl0'];
const missing = packages.filter((name) => !readdirSync(debs).some((file) => file.startsWith(`${name}_`)));
if (missing.length > 0) {
  try {
    execFileSync('apt-get', ['download', ...missing], { cwd: debs, stdio: 'ignore' });
  } catch {
    console.warn(`apt-get download ${missing.join(' ')} failed: the run relies on the machine's own libraries`);
  }
}
console.log(`Wrote ${target}: gpu-checks.mjs, node_modules/webgpu, node.xz, gl/, run-gpu-checks.sh, torch-reference.py`);
