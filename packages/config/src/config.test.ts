import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Config } from './config';
import { ConfigError } from './config-error';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);

async function loadError(name: string): Promise<ConfigError> {
  try {
    await Config.fromFile(fixture(name));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`${name} loaded without an error`);
}

describe('Config.fromFile', () => {
  it('loads a TypeScript config', async () => {
    const cfg = await Config.fromFile(fixture('base.ts'));
    expect(cfg.toDict()).toEqual({ item1: [1, 2], item2: { a: 0 }, item3: true, item4: 'test' });
    expect(cfg.filename).toBe(fixture('base.ts'));
  });

  it('loads a JSON config and fills the predefined variables', async () => {
    const cfg = await Config.fromFile(fixture('simple-config.json'));
    expect(cfg.toDict()).toEqual({ item5: { b1: [0, 1, 2], b2: null }, item6: 'simple-config', item7: '.json' });
  });

  it('merges a base: child values replace base values, dicts merge', async () => {
    const cfg = await Config.fromFile(fixture('merge-from-base.ts'));
    expect(cfg.toDict()).toEqual({ item1: [2, 3], item2: { a: 1 }, item3: false, item4: 'test_base' });
    const merged = await Config.fromFile(fixture('merge-from-dict-base.ts'));
    expect(merged.get('item2')).toEqual({ a: 0, b: 0 });
  });

  it('replaces instead of merging with _delete_', async () => {
    const cfg = await Config.fromFile(fixture('delete-config.ts'));
    expect(cfg.get('item2')).toEqual({ b: 0 });
    expect(cfg.get('item1')).toEqual([1, 2]);
  });

  it('merges several bases in order', async () => {
    const cfg = await Config.fromFile(fixture('multiple-bases.ts'));
    expect(cfg.toDict()).toEqual({
      item1: [1, 2],
      item2: { a: 0 },
      item3: false,
      item4: 'test',
      item5: { b1: [0, 1, 2], b2: null },
      item6: 'simple-config',
      item7: '.json',
    });
    expect(cfg.files).toEqual([fixture('base.ts'), fixture('simple-config.json'), fixture('multiple-bases.ts')]);
  });

  it('reads named exports as keys', async () => {
    const cfg = await Config.fromFile(fixture('named-exports.ts'));
    expect(cfg.get('item4')).toBe('named');
    expect(cfg.get('model')).toEqual({ type: 'ResNet', depth: 50 });
    expect(cfg.get('item1')).toEqual([1, 2]);
    expect(cfg.has('_base_')).toBe(false);
  });

  it('follows a chain of bases with deep merges and deletes', async () => {
    const cfg = await Config.fromFile(fixture('chain-c.ts'));
    expect(cfg.toDict()).toEqual({
      model: {
        type: 'ImageClassifier',
        backbone: { type: 'ResNet', depth: 101, norm_cfg: { type: 'SyncBN' } },
      },
      optim_wrapper: { optimizer: { type: 'AdamW', lr: 0.001 } },
      train_pipeline: [
        { type: 'LoadImageFromFile' },
        { type: 'RandomResizedCrop', scale: 224 },
        { type: 'PackInputs' },
      ],
    });
    expect(cfg.files.map((file) => file.slice(fixtures.length))).toEqual(['chain-a.ts', 'chain-b.ts', 'chain-c.ts']);
  });

  it('resolves {{_base_.x}} references', async () => {
    const cfg = await Config.fromFile(fixture('base-references.ts'));
    expect(cfg.get('item8')).toEqual([1, 2]);
    expect(cfg.get('item9')).toBe(0);
    expect(cfg.get('item10')).toBe('prefix-test');
    expect(cfg.get('item11')).toEqual({ copied: { b1: [0, 1, 2], b2: null } });
  });

  it('resolves bases relative to the file and fills file variables', async () => {
    const cfg = await Config.fromFile(fixture('nested/child.ts'));
    expect(cfg.get('item4')).toBe('test');
    expect(cfg.get('dir')).toBe(join(fixtures, 'nested'));
    expect(cfg.get('name')).toBe('child.ts');
  });

  it('applies cfgOptions after loading', async () => {
    const cfg = await Config.fromFile(fixture('chain-a.ts'), {
      cfgOptions: ['model.backbone.depth=18', 'train_pipeline.1.scale=(32,32)'],
    });
    expect(cfg.get('model.backbone.depth')).toBe(18);
    expect(cfg.get('train_pipeline.1')).toEqual({ type: 'RandomResizedCrop', scale: [32, 32] });
    const fromDict = await Config.fromFile(fixture('chain-a.ts'), { cfgOptions: { 'optim_wrapper.optimizer.lr': 0.5 } });
    expect(fromDict.get('optim_wrapper.optimizer.lr')).toBe(0.5);
  });

  it('keeps a class given as a type', async () => {
    const cfg = await Config.fromFile(fixture('with-class.ts'));
    const type = cfg.get<{ name: string }>('model.type');
    expect(typeof type).toBe('function');
    expect(type.name).toBe('CustomNet');
  });
});

describe('Config errors', () => {
  it('names a missing file', async () => {
    const error = await loadError('nope.ts');
    expect(error.message).toBe(`Config file not found: ${fixture('nope.ts')}`);
  });

  it('names a missing base and the file that asks for it', async () => {
    const error = await loadError('missing-base.ts');
    expect(error.message).toBe(
      `The base config "./does-not-exist.ts" of ${fixture('missing-base.ts')} was not found (looked for ${fixture('does-not-exist.ts')}).`,
    );
    expect(error.file).toBe(fixture('missing-base.ts'));
    expect(error.key).toBe('_base_');
  });

  it('names the files of a cycle of bases', async () => {
    const error = await loadError('cycle-a.ts');
    expect(error.message).toMatch(/^Cycle of _base_ configs: .*cycle-a\.ts -> .*cycle-b\.ts -> .*cycle-a\.ts$/);
  });

  it('names a file that does not parse', async () => {
    const syntax = await loadError('syntax-error.ts');
    expect(syntax.message).toContain(`Cannot load the config ${fixture('syntax-error.ts')}:`);
    const json = await loadError('bad-json.json');
    expect(json.message).toContain(`Cannot parse the JSON config ${fixture('bad-json.json')}:`);
    const notObject = await loadError('not-an-object.ts');
    expect(notObject.message).toContain('must export an object');
  });

  it('refuses an unsupported extension', async () => {
    const error = await loadError('unsupported.yaml');
    expect(error.message).toBe(
      `Unsupported config file type ".yaml" for ${fixture('unsupported.yaml')}; use one of .ts, .mts, .cts, .js, .mjs, .cjs, .json.`,
    );
  });

  it('names the key of a dict that cannot merge into a scalar', async () => {
    const error = await loadError('merge-conflict.ts');
    expect(error.message).toBe(
      `Cannot merge the dict at "item4" (in ${fixture('merge-conflict.ts')}) into a string ("test"): set _delete_: true in that dict to replace the base value instead.`,
    );
    expect(error.key).toBe('item4');
  });

  it('names a reference to a key the bases do not have', async () => {
    const error = await loadError('bad-reference.ts');
    expect(error.message).toBe(
      `The reference {{_base_.item99.x}} in ${fixture('bad-reference.ts')} names a key that its bases do not define.`,
    );
  });
});

describe('Config.mergeFromDict', () => {
  it('merges dotted keys (MMEngine test_merge_from_dict)', async () => {
    const cfg = await Config.fromFile(fixture('base.ts'));
    cfg.mergeFromDict({ 'item2.a': 1, 'item2.b': 0.1, item3: false });
    expect(cfg.get('item2')).toEqual({ a: 1, b: 0.1 });
    expect(cfg.get('item3')).toBe(false);
  });

  it('indexes into lists with digit keys', () => {
    const cfg = Config.fromDict({ item: [{ a: 0 }, { b: 0, c: 0 }] });
    cfg.mergeFromDict({ 'item.0.a': 1, 'item.1.b': 1 });
    expect(cfg.get('item')).toEqual([{ a: 1 }, { b: 1, c: 0 }]);
  });

  it('refuses list keys when they are not allowed, and indices out of range', () => {
    const cfg = Config.fromDict({ item: [{ a: 0 }, { b: 0, c: 0 }] });
    expect(() => cfg.mergeFromDict({ 'item.0.a': 1 }, false)).toThrow(
      'Cannot apply the override: Cannot merge the dict at "item" into a list of length 2',
    );
    expect(() => cfg.mergeFromDict({ 'item.2.a': 1 })).toThrow(
      'Cannot set "item.2": index 2 is out of range for "item", a list of length 2.',
    );
    expect(() => cfg.mergeFromDict({ 'item.x': 1 })).toThrow('"item" is a list, so the key after it must be an index.');
  });

  it('names the file and the key an override cannot reach', async () => {
    const cfg = await Config.fromFile(fixture('chain-a.ts'));
    let error: unknown;
    try {
      cfg.mergeFromOptions(['model.backbone.depth.x=1']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `Cannot apply the override of ${fixture('chain-a.ts')}: Cannot merge the dict at "model.backbone.depth" into a number (50): set _delete_: true in that dict to replace the base value instead.`,
    );
    expect((error as ConfigError).key).toBe('model.backbone.depth');
  });

  it('adds keys that do not exist yet and sets None/null', () => {
    const cfg = Config.fromDict({ model: { backbone: { depth: 50 } } });
    cfg.mergeFromOptions(['model.neck=None', 'model.head.num_classes=10', "work_dir='./work dirs/a'"]);
    expect(cfg.toDict()).toEqual({
      model: { backbone: { depth: 50 }, neck: null, head: { num_classes: 10 } },
      work_dir: './work dirs/a',
    });
  });
});

describe('Config get, set and copies', () => {
  it('reads dotted paths, with a fallback', () => {
    const cfg = Config.fromDict({ a: { b: [{ c: 1 }] }, n: null });
    expect(cfg.get('a.b.0.c')).toBe(1);
    expect(cfg.get('a.x', 'none')).toBe('none');
    expect(cfg.get('n')).toBeNull();
    expect(cfg.has('n')).toBe(true);
    expect(cfg.has('a.b.1')).toBe(false);
    expect(cfg.keys()).toEqual(['a', 'n']);
  });

  it('sets values, creating dicts on the way, and names a path it cannot reach', () => {
    const cfg = Config.fromDict({ a: { b: [1, 2] }, s: 'x' });
    cfg.set('a.b.1', 5);
    cfg.set('new.deep.key', true);
    expect(cfg.toDict()).toEqual({ a: { b: [1, 5] }, s: 'x', new: { deep: { key: true } } });
    expect(() => cfg.set('a.b.7', 1)).toThrow('Cannot set "a.b.7": "a.b" is a list of length 2 and "7" is not an index in it.');
    expect(() => cfg.set('s.t', 1)).toThrow('Cannot set "s.t": "s" is not a dict or a list.');
  });

  it('never shares state with what it was built from or what it returns', () => {
    const source = { a: { b: 1 } };
    const cfg = Config.fromDict(source);
    source.a.b = 2;
    expect(cfg.get('a.b')).toBe(1);
    const copy = cfg.get<{ b: number }>('a');
    copy.b = 3;
    expect(cfg.get('a.b')).toBe(1);
    const clone = cfg.clone();
    clone.set('a.b', 9);
    expect(cfg.get('a.b')).toBe(1);
  });
});

describe('Config.dump', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmpt-config-'));

  it('writes a .ts and a .json file that load back to an equal config', async () => {
    const cfg = await Config.fromFile(fixture('chain-c.ts'));
    cfg.mergeFromDict({ 'weird-key': { 'with space': "it's" }, multiline: 'a\nb', big: 1e21, small: 1e-7 });
    for (const name of ['dumped.ts', 'dumped.json', 'dumped.mjs']) {
      const file = join(dir, name);
      const text = cfg.dump(file);
      expect(readFileSync(file, 'utf8')).toBe(text);
      const loaded = await Config.fromFile(file);
      expect(loaded.toDict()).toEqual(cfg.toDict());
    }
  });

  it('keeps Infinity and -0 in TypeScript and refuses them in JSON, naming the key', async () => {
    const cfg = await Config.fromFile(fixture('with-class.ts'));
    const file = join(dir, 'with-class.ts');
    cfg.dump(file);
    const loaded = await Config.fromFile(file);
    expect(loaded.get('values')).toEqual([Infinity, -0, 0.5]);
    expect(Object.is(loaded.get<number[]>('values')[1], -0)).toBe(true);
    expect(loaded.get('model.type')).toBe('CustomNet');
    expect(() => cfg.dump(join(dir, 'with-class.json'))).toThrow(
      'Cannot write Infinity at "values.0" to JSON; dump to a .ts file instead.',
    );
  });

  it('returns the module text without a path and refuses unknown extensions', () => {
    const cfg = Config.fromDict({ model: { type: 'ResNet', depth: 50 } });
    expect(cfg.dump()).toBe("export default {\n  model: { type: 'ResNet', depth: 50 },\n};\n");
    expect(() => cfg.dump(join(dir, 'x.yaml'))).toThrow(/use a \.ts, \.mts, \.js, \.mjs or \.json file/);
  });
});
