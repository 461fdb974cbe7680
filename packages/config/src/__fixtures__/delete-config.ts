export default {
  _base_: './base.ts',
  item2: { b: 0, _delete_: true },
};
