export default { _base_: './cycle-b.ts', a: 1 };
