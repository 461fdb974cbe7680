import type { ErrorTracker } from './error-tracker';
import { SHADER_STAGE_COMPUTE } from './gpu-constants';

/** How a kernel binds a storage buffer: read-only, or read-write. */
export type StorageAccess = 'read' | 'read_write';

/** What identifies a compiled kernel: its name, a key of its configuration, and how to write its WGSL. */
export interface KernelProgram {
  /** The kernel of the contract (`matmul`), used in labels and error messages. */
  readonly kernel: string;
  /** The configuration (dtypes, rank, variant): one pipeline per kernel and key. */
  readonly key: string;
  /** Access of each storage binding, in binding order (binding 0 is the parameters uniform). */
  readonly storage: readonly StorageAccess[];
  /** Builds the WGSL source (called once per kernel and key). */
  readonly wgsl: () => string;
}

/** A compiled kernel. */
export interface CompiledKernel {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  readonly label: string;
}

/**
 * Compiles kernels once per kernel and configuration key. Each compilation runs in error scopes of
 * its own, so a WGSL error surfaces as an error naming the kernel. With `printWgsl` (or the
 * environment variable `MMPT_WEBGPU_PRINT_WGSL=1`) the source of each compiled kernel is printed.
 */
export class PipelineCache {
  readonly #pipelines = new Map<string, CompiledKernel>();

  constructor(
    private readonly device: GPUDevice,
    private readonly errors: ErrorTracker,
    private readonly printWgsl: boolean,
  ) {}

  /** Number of compiled pipelines. */
  get size(): number {
    return this.#pipelines.size;
  }

  /** The compiled kernel of a program, compiling it on first use. */
  get(program: KernelProgram): CompiledKernel {
    const cacheKey = `${program.kernel}|${program.key}`;
    const cached = this.#pipelines.get(cacheKey);
    if (cached) return cached;
    const compiled = this.compile(program);
    this.#pipelines.set(cacheKey, compiled);
    return compiled;
  }

  private compile(program: KernelProgram): CompiledKernel {
    const label = `mmpt:${program.kernel}:${program.key}`;
    const code = program.wgsl();
    if (this.printWgsl) console.log(`// ${label}\n${code}`);
    return this.errors.scoped(program.kernel, 'compilation', () => {
      const layout = this.device.createBindGroupLayout({
        label,
        entries: [
          { binding: 0, visibility: SHADER_STAGE_COMPUTE, buffer: { type: 'uniform' } },
          ...program.storage.map((access, index) => ({
            binding: index + 1,
            visibility: SHADER_STAGE_COMPUTE,
            buffer: { type: access === 'read' ? ('read-only-storage' as const) : ('storage' as const) },
          })),
        ],
      });
      const module = this.device.createShaderModule({ label, code });
      const pipeline = this.device.createComputePipeline({
        label,
        layout: this.device.createPipelineLayout({ label, bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main' },
      });
      return { pipeline, layout, label };
    });
  }
}

/** Whether the environment asks for the WGSL of compiled kernels to be printed. */
export function printWgslFromEnvironment(): boolean {
  const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = environment?.MMPT_WEBGPU_PRINT_WGSL;
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}
