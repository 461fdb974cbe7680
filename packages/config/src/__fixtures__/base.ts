export default {
  item1: [1, 2],
  item2: { a: 0 },
  item3: true,
  item4: 'test',
};
