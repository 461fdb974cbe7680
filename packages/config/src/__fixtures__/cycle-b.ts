export default { _base_: './cycle-a.ts', b: 1 };
