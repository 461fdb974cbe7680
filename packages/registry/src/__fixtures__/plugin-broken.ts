throw new Error('this plugin fails while loading');
