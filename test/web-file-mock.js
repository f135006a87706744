// jest web project: an imported image is its bundled URL in the build; a stable string here.
module.exports = 'test-image.png'
