export default { _base_: ['./base.ts', './does-not-exist.ts'], a: 1 };
