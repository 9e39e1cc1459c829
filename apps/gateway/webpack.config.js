const { composePlugins, withNx } = require('@nx/webpack');

module.exports = composePlugins(withNx({ target: 'node' }), (config) => {
  config.output = { ...config.output, devtoolModuleFilenameTemplate: '[absolute-resource-path]' };
  return config;
});
