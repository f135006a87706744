// Nothing may reach the real WeChat cloud. (Asia/Shanghai, like the product, is set in
// test/global-setup.js: V8 never reads the copy of process.env a setup file sees.)
