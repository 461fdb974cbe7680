import categories from './imagenet-categories.json' with { type: 'json' };

/**
 * The 1000 class names of ImageNet-1k in MMPretrain's order (`IMAGENET_CATEGORIES`): the WordNet
 * synonyms of each synset, index = label. The names live in `imagenet-categories.json`.
 */
export const IMAGENET_CATEGORIES: readonly string[] = categories;
