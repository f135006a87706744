// babel-preset-taro for the mini-program and H5 builds, and for jest's web project.
// The Node side (domain, server, cloud functions, local cloud) is compiled by jest with its
// own inline preset (see jest.config.js), never with Taro's.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    // NutUI on demand. The docs' `libraryDirectory: 'dist/esm'` does not exist in 3.0.20:
    // components live in dist/es/packages/<lowercased name>/ (cellgroup, inputnumber, ...).
    ['import', {
      libraryName: '@nutui/nutui-react-taro',
      libraryDirectory: 'dist/es/packages',
      style: 'css',
      camel2DashComponentName: false,
      customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`
    }, 'nutui-react-taro']
  ]
}
