export default {
  _base_: ['./base.ts', './simple-config.json'],
  item8: '{{_base_.item1}}',
  item9: '{{ _base_.item2.a }}',
  item10: 'prefix-{{_base_.item4}}',
  item11: { copied: '{{_base_.item5}}' },
};
