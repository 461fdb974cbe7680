import { describe, expect, it } from 'vitest';
import { Registry } from './registry';
import { RegistryError, UnknownTypeError } from './registry-error';
import type { ConfigFor } from './types';

class ResNet {
  constructor(readonly options: { depth: number; in_channels?: number; norm_cfg?: { type: string } }) {}
}
class ResNeXt {
  constructor(readonly options: Record<string, unknown>) {}
}
class VGG {
  constructor(readonly options: Record<string, unknown>) {}
}

function modelRegistry() {
  const models = new Registry({ name: 'model' });
  models.register(ResNet);
  models.register(ResNeXt);
  return models;
}

describe('Registry.register', () => {
  it('registers a class under its own name and under given names', () => {
    const models = modelRegistry();
    models.register('VGG16', VGG);
    models.register(['Alias1', 'Alias2'], VGG);
    expect(models.keys()).toEqual(['ResNet', 'ResNeXt', 'VGG16', 'Alias1', 'Alias2']);
    expect(models.get('Alias2')).toBe(VGG);
    expect(models.size).toBe(5);
  });

  it('returns the target so registration can be inline', () => {
    const models = new Registry({ name: 'model' });
    expect(models.register(VGG)).toBe(VGG);
  });

  it('refuses a duplicate name without force and replaces it with force', () => {
    const models = modelRegistry();
    expect(() => models.register('ResNet', VGG)).toThrow(
      '"ResNet" is already registered in the model registry (scope "mmpt"); pass { force: true } to replace it.',
    );
    models.register('ResNet', VGG, { force: true });
    expect(models.get('ResNet')).toBe(VGG);
    models.register(ResNet, { force: true });
    expect(models.get('ResNet')).toBe(ResNet);
  });

  it('rejects names with dots, anonymous functions and non-functions', () => {
    const models = new Registry({ name: 'model' });
    expect(() => models.register('a.b', VGG)).toThrow(/no "\."/);
    expect(() => models.register((() => () => 1)())).toThrow(/anonymous/);
    expect(() => models.register('X', 3 as never)).toThrow(/Only a class or a function/);
  });

  it('registers factory functions', () => {
    const models = new Registry({ name: 'model' });
    models.register(function makeThing(options: { size: number }) {
      return { size: options.size * 2 };
    });
    expect(models.build({ type: 'makeThing', size: 2 })).toEqual({ size: 4 });
  });
});

describe('Registry.get and scopes', () => {
  it('searches this registry, then its parents', () => {
    const root = modelRegistry();
    const child = new Registry({ name: 'model', scope: 'myplugin', parent: root });
    child.register(VGG);
    expect(child.get('VGG')).toBe(VGG);
    expect(child.get('ResNet')).toBe(ResNet);
    expect(root.has('VGG')).toBe(false);
    expect(root.children.get('myplugin')).toBe(child);
    expect(child.root).toBe(root);
  });

  it('prefers the child registry over the parent for the same name', () => {
    const root = modelRegistry();
    const child = new Registry({ name: 'model', scope: 'myplugin', parent: root });
    child.register('ResNet', VGG);
    expect(child.get('ResNet')).toBe(VGG);
    expect(root.get('ResNet')).toBe(ResNet);
    expect(child.get('mmpt.ResNet')).toBe(ResNet);
  });

  it('routes a scoped name to a child, to the root, or to a sibling through the root', () => {
    const root = modelRegistry();
    const a = new Registry({ name: 'model', scope: 'a', parent: root });
    const b = new Registry({ name: 'model', scope: 'b', parent: root });
    const grandchild = new Registry({ name: 'model', scope: 'deep', parent: a });
    a.register('OnlyInA', VGG);
    b.register('OnlyInB', ResNeXt);
    grandchild.register('Deep', ResNet);
    expect(root.get('a.OnlyInA')).toBe(VGG);
    expect(a.get('b.OnlyInB')).toBe(ResNeXt);
    expect(b.get('mmpt.ResNet')).toBe(ResNet);
    expect(b.get('deep.Deep')).toBe(ResNet);
    expect(a.get('a.OnlyInA')).toBe(VGG);
    // a scoped name in the registry's own scope does not fall back to parents
    expect(a.has('a.ResNet')).toBe(false);
    expect(a.has('ResNet')).toBe(true);
  });

  it('needs a distinct scope for a child', () => {
    const root = modelRegistry();
    expect(() => new Registry({ name: 'model', parent: root })).toThrow(/needs its own "scope"/);
    expect(() => new Registry({ name: 'model', scope: 'mmpt', parent: root })).toThrow(/scope "mmpt" of its parent/);
    new Registry({ name: 'model', scope: 'x', parent: root });
    expect(() => new Registry({ name: 'model', scope: 'x', parent: root })).toThrow(/already has a child/);
  });

  it('names the registry, the scope and the closest names for an unknown type', () => {
    const models = modelRegistry();
    models.register(VGG);
    let error: unknown;
    try {
      models.get('ResNt');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownTypeError);
    const unknown = error as UnknownTypeError;
    expect(unknown.message).toBe(
      '"ResNt" is not registered in the model registry (scope "mmpt"). Did you mean "ResNet", "ResNeXt"?',
    );
    expect(unknown.registry).toBe('model');
    expect(unknown.scope).toBe('mmpt');
    expect(unknown.suggestions).toEqual(['ResNet', 'ResNeXt']);
  });

  it('suggests names of the scope that was asked', () => {
    const root = modelRegistry();
    const plugin = new Registry({ name: 'model', scope: 'myplugin', parent: root });
    plugin.register('MyHead', VGG);
    expect(() => root.get('myplugin.MyHaed')).toThrow(
      '"myplugin.MyHaed" is not registered in the model registry (scope "myplugin"). Did you mean "myplugin.MyHead"',
    );
    expect(() => root.get('nowhere.X')).toThrow(
      'no registry has the scope "nowhere" (known scopes: mmpt, myplugin)',
    );
  });

  it('says when a registry is empty', () => {
    const empty = new Registry({ name: 'metric' });
    expect(() => empty.get('Accuracy')).toThrow(/It is empty: was its package's register function called\?/);
  });
});

describe('Registry.build', () => {
  it('passes the remaining keys as one options object', () => {
    const models = modelRegistry();
    const net = models.build<ResNet>({ type: 'ResNet', depth: 50, norm_cfg: { type: 'BN' } });
    expect(net).toBeInstanceOf(ResNet);
    expect(net.options).toEqual({ depth: 50, norm_cfg: { type: 'BN' } });
  });

  it('keeps nested configs as data', () => {
    const models = modelRegistry();
    const nested = { type: 'ResNet', depth: 18 };
    const built = models.build<ResNeXt>({ type: 'ResNeXt', backbone: nested });
    expect(built.options.backbone).toBe(nested);
  });

  it('fills only missing keys from defaults, including the type', () => {
    const models = modelRegistry();
    const net = models.build<ResNet>({ depth: 101 }, { type: 'ResNet', depth: 18, in_channels: 3 });
    expect(net).toBeInstanceOf(ResNet);
    expect(net.options).toEqual({ depth: 101, in_channels: 3 });
  });

  it('does not modify the config it builds from', () => {
    const models = modelRegistry();
    const config = { type: 'ResNet', depth: 34 };
    models.build(config, { in_channels: 1 });
    expect(config).toEqual({ type: 'ResNet', depth: 34 });
  });

  it('accepts the class itself as the type, registered or not', () => {
    const models = new Registry({ name: 'model' });
    const config = { type: ResNet, depth: 50 } satisfies ConfigFor<typeof ResNet>;
    expect(models.build(config)).toBeInstanceOf(ResNet);
  });

  it('builds a list from a list of configs', () => {
    const models = modelRegistry();
    const built = models.build([{ type: 'ResNet', depth: 18 }, { type: 'ResNeXt' }]);
    expect(built.map((item) => item?.constructor)).toEqual([ResNet, ResNeXt]);
  });

  it('builds scoped types and types of parent registries', () => {
    const root = modelRegistry();
    const plugin = new Registry({ name: 'model', scope: 'myplugin', parent: root });
    plugin.register(VGG);
    expect(plugin.build({ type: 'ResNet', depth: 1 })).toBeInstanceOf(ResNet);
    expect(root.build({ type: 'myplugin.VGG' })).toBeInstanceOf(VGG);
  });

  it('explains a missing or invalid type', () => {
    const models = modelRegistry();
    expect(() => models.build({ depth: 50 })).toThrow(
      'the model registry (scope "mmpt"): the config has no "type" key and no default type was given: {"depth":50}',
    );
    expect(() => models.build({ type: 5 as never })).toThrow(/"type" must be a registered name or a class, got number 5/);
    expect(() => models.build(null as never)).toThrow(/builds from a config object, got null/);
  });

  it('wraps an error of the constructor with the type and keeps the cause', () => {
    class Picky {
      constructor(options: { depth: number }) {
        if (![18, 50].includes(options.depth)) throw new RangeError(`invalid depth ${options.depth}`);
      }
    }
    const models = new Registry({ name: 'model' });
    models.register(Picky);
    let error: unknown;
    try {
      models.build({ type: 'Picky', depth: 19 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toBe(
      'Failed to build Picky from the model registry (scope "mmpt"): invalid depth 19',
    );
    expect((error as Error).cause).toBeInstanceOf(RangeError);
  });

  it('uses a custom build function, inherited by children', () => {
    const calls: string[] = [];
    const root = new Registry<object>({
      name: 'scheduler',
      build: (config, registry, defaults) => {
        calls.push(String(config.type));
        return { built: config.type, by: registry.scope, defaults };
      },
    });
    const child = new Registry<object>({ name: 'scheduler', scope: 'plugin', parent: root });
    expect(child.build({ type: 'CosineAnnealingLR' }, { T_max: 3 })).toEqual({
      built: 'CosineAnnealingLR',
      by: 'plugin',
      defaults: { T_max: 3 },
    });
    expect(calls).toEqual(['CosineAnnealingLR']);
  });
});
