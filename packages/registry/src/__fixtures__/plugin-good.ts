// A plugin as a user writes it: a TypeScript module that exports `register(registries)`.
interface RegistryLike {
  register(target: new (options: any) => unknown): unknown;
}

export class MyHead {
  constructor(readonly options: { num_classes: number }) {}
}

export function register(registries: { models: RegistryLike }): void {
  registries.models.register(MyHead);
}
