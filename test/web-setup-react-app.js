// Lets page components that use Taro hooks (useDidShow, useRouter, ...) render standalone:
// the hooks read React from the framework plugin's internal reactMeta, which createReactApp() sets.
const React = require('react')
const ReactDOM = require('react-dom/client')
const { createReactApp } = require('@tarojs/plugin-framework-react/dist/runtime')
createReactApp(function App(props) { return props.children }, React, ReactDOM, { pages: [] })

// react-transition-group (inside NutUI) still calls findDOMNode; React 18 warns once per test file.
const origError = console.error
console.error = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('findDOMNode is deprecated')) return
  origError(...args)
}

// waitFor/findBy wait for what the page shows, not for a deadline: on a loaded 2-core machine a
// debounced quote (400 ms) plus a render can take longer than testing-library's default 1 s, and a
// page that never shows it still fails, just later.
require('@testing-library/react').configure({ asyncUtilTimeout: 15000 })
