export default {
  _base_: ['./base.ts', './simple-config.json'],
  item3: false,
};
