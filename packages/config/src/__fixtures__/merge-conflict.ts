export default {
  _base_: './base.ts',
  item4: { nested: true },
};
