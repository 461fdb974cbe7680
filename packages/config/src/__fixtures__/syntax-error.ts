export default {
  model: { type: 'ResNet', depth: 50 
};
