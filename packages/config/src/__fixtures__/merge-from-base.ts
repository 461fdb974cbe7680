export default {
  _base_: './base.ts',
  item1: [2, 3],
  item2: { a: 1 },
  item3: false,
  item4: 'test_base',
};
