export default {
  _base_: './base.ts',
  item8: '{{_base_.item99.x}}',
};
